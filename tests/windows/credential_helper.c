/* A docker credential helper for tests/windows/windows_test.sh, built there
 * with mingw-w64 and run under wine by wincompat's credential store
 * (linter/registry/auth.cpp through linter/platform.cpp):
 *   MODE_ANSWER  reads the server URL on standard input, records it in the
 *                file named by WINCOMPAT_HELPER_LOG, and prints a fixed
 *                credential for it (the credential-helper protocol's JSON);
 *   MODE_FAIL    prints a secret and exits 1 (it must be shown nowhere);
 *   MODE_HANG    starts a copy of itself that writes WINCOMPAT_HELPER_LOG
 *                after 6 s unless it is killed first, then never answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void record(const char *text) {
  const char *log = getenv("WINCOMPAT_HELPER_LOG");
  FILE *file = log ? fopen(log, "ab") : NULL;
  if (file) {
    fputs(text, file);
    fclose(file);
  }
}

int main(int argc, char **argv) {
  char line[512] = "";
  if (argc < 2) {
    return 2;
  }
  if (strcmp(argv[1], "child") == 0) { /* MODE_HANG's child */
    Sleep(6000);
    record("the helper's child outlived the timeout\n");
    return 0;
  }
  if (strcmp(argv[1], "get") != 0) {
    return 2;
  }
  if (!fgets(line, sizeof line, stdin)) {
    return 3;
  }
  line[strcspn(line, "\r\n")] = '\0';
#if defined(MODE_ANSWER)
  record("get ");
  record(line);
  record("\n");
  printf("{\"ServerURL\":\"%s\",\"Username\":\"wine-user\",\"Secret\":\"wine-secret\"}\n", line);
  return 0;
#elif defined(MODE_FAIL)
  printf("{\"Username\":\"leak\",\"Secret\":\"do-not-show-this-secret\"}\n");
  return 1;
#else
  {
    char self[MAX_PATH];
    char command[MAX_PATH + 16];
    STARTUPINFOA startup;
    PROCESS_INFORMATION process;
    GetModuleFileNameA(NULL, self, MAX_PATH);
    snprintf(command, sizeof command, "\"%s\" child", self);
    memset(&startup, 0, sizeof startup);
    startup.cb = sizeof startup;
    if (!CreateProcessA(self, command, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process)) {
      return 4;
    }
    record("the helper started its child\n");
    Sleep(60000);
    return 0;
  }
#endif
}
