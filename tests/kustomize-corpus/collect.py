#!/usr/bin/env python3
"""Adds real-world kustomizations to the corpus, with only the files each build reads.

    collect.py CHECKOUT REPO COMMIT RESTRICTOR DIR...

CHECKOUT is a checkout of the public repository REPO (owner/name) at COMMIT;
each DIR (relative to CHECKOUT) is a kustomization the repository builds with
RESTRICTOR (LoadRestrictionsRootOnly or LoadRestrictionsNone, as its Makefile
or scripts call kustomize). A DIR is kept only when `kubectl kustomize`
builds it without network. The files kubectl opened while building it
(traced with strace) are copied to REPO's folder beside this script, the
copied build is checked to give the same output as the original, and a line
is added to builds.tsv. Record REPO, COMMIT and its licence in README.md.

    collect.py --prune

removes every file of the corpus that no build of builds.tsv reads (a copy
whose build was then dropped, for example), and checks that each build still
gives the output it gave before.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# The path of every open; a call that another thread interrupts is logged
# "<unfinished ...>" without its result, so the result is not matched (paths
# that do not exist are dropped by files_read).
OPENED = re.compile(r'open(?:at)?\((?:AT_FDCWD, )?"([^"]+)", ')


def kubectl(directory, restrictor, trace=None):
    command = ["kubectl", "kustomize", "--load-restrictor", restrictor, directory]
    if trace:
        command = ["strace", "-f", "-qq", "-s", "4096", "-e", "trace=open,openat", "-o", trace] + command
    # unshare -n: no network, so a build with remote resources fails here as it would offline.
    result = subprocess.run(["unshare", "-n"] + command, capture_output=True, text=True)
    return result.returncode == 0, result.stdout


def files_read(trace, root):
    found = set()
    with open(trace, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = OPENED.search(line)
            if not match:
                continue
            path = os.path.realpath(match.group(1))
            if path.startswith(root + os.sep) and os.path.isfile(path):
                found.add(os.path.relpath(path, root))
    return found


def corpus_builds():
    with open(os.path.join(HERE, "builds.tsv"), encoding="utf-8") as builds:
        return [line.rstrip("\n").split("\t") for line in builds if line.strip()]


def prune():
    builds = corpus_builds()
    read = set()
    before = {}
    for directory, restrictor in builds:
        with tempfile.TemporaryDirectory() as scratch:
            trace = os.path.join(scratch, "trace")
            ok, before[directory] = kubectl(os.path.join(HERE, directory), restrictor, trace)
            if not ok:
                sys.exit(f"{directory}: kubectl kustomize fails; fix the corpus first")
            read |= files_read(trace, HERE)
    removed = 0
    for repo in sorted({directory.split("/", 1)[0] for directory, _ in builds}):
        for parent, _, names in os.walk(os.path.join(HERE, repo), topdown=False):
            for name in names:
                path = os.path.join(parent, name)
                if os.path.relpath(path, HERE) not in read:
                    os.remove(path)
                    removed += 1
            if not os.listdir(parent):
                os.rmdir(parent)
    for directory, restrictor in builds:
        ok, after = kubectl(os.path.join(HERE, directory), restrictor)
        if not ok or after != before[directory]:
            sys.exit(f"{directory}: the build changed after pruning")
    print(f"pruned {removed} files no build reads; {len(builds)} builds unchanged", file=sys.stderr)


def main():
    if sys.argv[1:] == ["--prune"]:
        prune()
        return
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    checkout, repo, commit, restrictor = sys.argv[1:5]
    checkout = os.path.realpath(checkout)
    target = os.path.join(HERE, repo.replace("/", "+"))
    kept = []
    for directory in sys.argv[5:]:
        directory = directory.rstrip("/")
        with tempfile.TemporaryDirectory() as scratch:
            trace = os.path.join(scratch, "trace")
            ok, output = kubectl(os.path.join(checkout, directory), restrictor, trace)
            if not ok:
                print(f"skip {repo} {directory}: kubectl kustomize fails offline", file=sys.stderr)
                continue
            files = files_read(trace, checkout)
        for relative in sorted(files):
            destination = os.path.join(target, relative)
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            shutil.copyfile(os.path.join(checkout, relative), destination)
        ok, copied = kubectl(os.path.join(target, directory), restrictor)
        if not ok or copied != output:
            print(f"skip {repo} {directory}: the copied build differs from the original", file=sys.stderr)
            continue
        kept.append(f"{repo.replace('/', '+')}/{directory}\t{restrictor}")
    with open(os.path.join(HERE, "builds.tsv"), "a", encoding="utf-8") as builds:
        for line in kept:
            builds.write(line + "\n")
    print(f"{repo}: {len(kept)} of {len(sys.argv) - 5} kept", file=sys.stderr)


if __name__ == "__main__":
    main()
