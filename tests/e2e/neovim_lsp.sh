#!/usr/bin/env bash
# `wincompat lsp` with a real client: headless Neovim (Debian package,
# installed here if missing; 0.7 API: vim.lsp.start_client and
# vim.lsp.buf_attach_client, no lspconfig). In a temporary copy of examples/
# it opens a manifest whose finding needs another file (WC305: the
# RuntimeClass is in deploy/runtimeclasses.yaml, the pools in
# .wincompat.yaml), waits for the diagnostics, asks for the quick fix as
# `:lua vim.lsp.buf.code_action()` would, applies it (Neovim then sends an
# incremental didChange), waits for the diagnostics to clear, and stops the
# server, which must exit with status 0 after shutdown/exit.
set -euo pipefail

: "${WINCOMPAT:?set WINCOMPAT to the built wincompat binary}"
: "${WINCOMPAT_SOURCE_DIR:?set WINCOMPAT_SOURCE_DIR to the repository root}"
WINCOMPAT="$(cd "$(dirname "$WINCOMPAT")" && pwd)/$(basename "$WINCOMPAT")"
export WINCOMPAT

. "$WINCOMPAT_SOURCE_DIR/tests/e2e/lib/skip.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

install_neovim() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || return 1
    sudo="sudo -n"
  fi
  command -v apt-get >/dev/null 2>&1 || return 1
  local install=(apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 neovim)
  # Without refreshing the package lists first: other tests may be using apt.
  DEBIAN_FRONTEND=noninteractive $sudo "${install[@]}" >/dev/null 2>&1 && return 0
  $sudo apt-get update -qq -o DPkg::Lock::Timeout=300 >/dev/null 2>&1 || return 1
  DEBIAN_FRONTEND=noninteractive $sudo "${install[@]}" >/dev/null
}

if ! command -v nvim >/dev/null 2>&1; then
  install_neovim || true
  command -v nvim >/dev/null 2>&1 || skip "nvim is not installed and cannot be installed here"
fi
nvim --headless -u NONE -c 'lua if vim.lsp.start_client == nil then vim.cmd("cquit 3") end' -c 'qa!' \
  || skip "this Neovim has no built-in LSP client (0.5+ needed)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$WINCOMPAT_SOURCE_DIR/examples" "$work/examples"
mkdir "$work/.git" # the config search stops at the repository root
manifest="$work/examples/k8s/deploy/legacy-pricing.yaml"
results="$work/results.txt"

cat >"$work/init.lua" <<'LUA'
-- A minimal client, as a user without lspconfig would write it (Neovim 0.7+).
local file = os.getenv('WINCOMPAT_NVIM_FILE')
local results = {}
local function note(line) table.insert(results, line) end
local function finish()
  vim.fn.writefile(results, os.getenv('WINCOMPAT_NVIM_RESULTS'))
  vim.cmd('qa!')
end

local uri = vim.uri_from_fname(file)
local last -- the last publishDiagnostics params for the file
local server_exit
local client_id = vim.lsp.start_client({
  name = 'wincompat',
  cmd = { os.getenv('WINCOMPAT'), 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if result.uri == uri then last = result end
    end,
  },
  on_exit = function(code, signal) server_exit = { code = code, signal = signal } end,
})
if not client_id then note('error: the client did not start') return finish() end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(30000, function() return last ~= nil end, 50) then
  note('error: no diagnostics within 30 s')
  return finish()
end
for _, d in ipairs(last.diagnostics) do
  note(string.format('published %s %d:%d-%d:%d fix=%s', d.code, d.range.start.line, d.range.start.character,
    d.range['end'].line, d.range['end'].character, tostring(d.data ~= nil and d.data.fix ~= nil)))
end
-- Neovim's own diagnostic store has them too (what signs and :lua vim.diagnostic.setloclist() show).
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  note(string.format('vim.diagnostic %s line %d', d.code, d.lnum + 1))
end

-- The quick fix, as vim.lsp.buf.code_action() asks for it in 0.7: the line's
-- diagnostics converted back from Neovim's store.
local first = last.diagnostics[1]
local client = vim.lsp.get_client_by_id(client_id)
local params = {
  textDocument = { uri = uri },
  range = first.range,
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, first.range.start.line) },
}
local response = client.request_sync('textDocument/codeAction', params, 10000, bufnr)
if not response or response.err or not response.result or #response.result == 0 then
  note('error: no code action: ' .. vim.inspect(response))
  return finish()
end
local action = response.result[1]
note(string.format('action %s [%s]', action.title, action.kind))
local version_before = last.version
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
note('line ' .. vim.api.nvim_buf_get_lines(bufnr, first.range.start.line, first.range.start.line + 1, false)[1])

-- Neovim sends the edit as an incremental didChange; the server relints.
if not vim.wait(30000, function() return last.version ~= version_before end, 50) then
  note('error: no diagnostics after the edit')
  return finish()
end
note(string.format('after the fix: version %d, %d diagnostics', last.version, #last.diagnostics))

vim.lsp.stop_client(client_id)
if vim.wait(10000, function() return server_exit ~= nil end, 50) then
  note(string.format('server exit %d signal %d', server_exit.code, server_exit.signal))
else
  note('error: the server did not exit')
end
finish()
LUA

cd "$work/examples/k8s"
WINCOMPAT_NVIM_FILE="$manifest" WINCOMPAT_NVIM_RESULTS="$results" \
  timeout -k 5 120 nvim --headless -u NONE -i NONE -n -c "luafile $work/init.lua" </dev/null >"$work/nvim.log" 2>&1 \
  || { cat "$work/nvim.log"; fail "nvim failed or timed out"; }

echo "--- what Neovim saw"
cat "$results" 2>/dev/null || fail "nvim wrote no results ($(cat "$work/nvim.log"))"
! grep -q '^error' "$results" || fail "the session failed"
# WC305 needs the RuntimeClass from another file; alone, the manifest gives WC206.
grep -q '^published WC305 20:17-20:89 fix=true$' "$results" || fail "WC305 was not published where expected"
grep -q '^vim.diagnostic WC305 line 21$' "$results" || fail "Neovim did not store the diagnostic"
! grep -q 'WC206' "$results" || fail "the manifest was linted without its repository"
grep -q '^action use ltsc2022 \[quickfix\]$' "$results" || fail "no quick fix"
grep -q 'image: mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022$' "$results" \
  || fail "the quick fix did not edit the buffer as expected"
grep -q '^after the fix: version [0-9]*, 0 diagnostics$' "$results" || fail "diagnostics did not clear after the fix"
grep -q '^server exit 0 signal 0$' "$results" || fail "the server did not exit cleanly"
echo "PASS"
