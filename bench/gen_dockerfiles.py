#!/usr/bin/env python3
"""Generate a synthetic corpus of Windows-container Dockerfiles for benchmarks.

Usage: gen_dockerfiles.py OUTDIR COUNT [--seed N] [--quiet]

Writes COUNT Dockerfiles under OUTDIR (created; existing files with the same
names are overwritten) and, last of all, OUTDIR/CORPUS-INFO.txt with the file
count, total bytes and the seed (bench/run_dockerfiles.sh treats that file as
"the corpus is complete"). The info file's name matches none of wincompat's
Dockerfile or YAML patterns, so linting OUTDIR only sees the Dockerfiles.

Deterministic: the same seed gives byte-identical output on any platform and
Python 3 version, and file i depends only on (seed, i), so the first N files of
a larger corpus are the corpus of size N.

The shapes mimic public Windows repositories (the forms described in docs/how-it-works.md):
single and multi-stage builds (`FROM ... AS build` / `COPY --from=build`),
global ARGs used in FROM (`$TAG`, `${REGISTRY}/${IMAGE}:${VERSION}`,
`${TAG:-ltsc2022}`, a whole reference in a quoted ARG), the backtick escape
directive with PowerShell SHELL and backtick continuations, long RUN
continuations (5-60 lines) with comments and blank lines inside, heredocs,
Linux builder stages (`--platform=linux/amd64`), CRLF line endings (~20%), a
UTF-8 BOM (~5%), and occasional mistakes (ltsc2019 images, `latest`, an
unpinned `dotnet/framework/runtime:4.8.1`, `nanoserver:ltsc2019`, which does
not exist). Sizes are mostly 0.5-6 KB.

Python 3 standard library only.
"""

import argparse
import os
import random
import sys

# --------------------------------------------------------------------------
# Catalog of images (weights are relative).

MCR = "mcr.microsoft.com"

# Final (runtime) Windows images: (reference, weight, family) where family
# picks the shell and the body style.
WINDOWS_RUNTIME = [
    (MCR + "/windows/servercore:ltsc2022", 14, "servercore"),
    (MCR + "/windows/servercore:ltsc2019", 5, "servercore"),
    (MCR + "/windows/servercore:ltsc2025", 5, "servercore"),
    (MCR + "/windows/servercore:1809", 2, "servercore"),
    (MCR + "/windows/servercore:10.0.17763.5122", 1, "servercore"),
    (MCR + "/windows/servercore:10.0.20348.2113", 1, "servercore"),
    (MCR + "/windows/nanoserver:ltsc2022", 6, "nanoserver"),
    (MCR + "/windows/nanoserver:1809", 3, "nanoserver"),
    (MCR + "/windows/nanoserver:ltsc2025", 2, "nanoserver"),
    (MCR + "/windows/servercore/iis:windowsservercore-ltsc2022", 4, "iis"),
    (MCR + "/dotnet/framework/aspnet:4.8.1-windowsservercore-ltsc2022", 8, "aspnet"),
    (MCR + "/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019", 3, "aspnet"),
    (MCR + "/dotnet/framework/runtime:4.8.1-windowsservercore-ltsc2022", 4, "netfx"),
    (MCR + "/dotnet/aspnet:8.0-nanoserver-ltsc2022", 7, "dotnet"),
    (MCR + "/dotnet/aspnet:8.0-nanoserver-1809", 2, "dotnet"),
    (MCR + "/dotnet/runtime:8.0-windowsservercore-ltsc2022", 2, "dotnet"),
    (MCR + "/powershell:lts-nanoserver-ltsc2022", 4, "pwsh"),
    (MCR + "/powershell:lts-windowsservercore-ltsc2022", 2, "pwsh"),
    ("python:3.12-windowsservercore-ltsc2022", 4, "python"),
    ("python:3.11-windowsservercore-1809", 1, "python"),
    ("golang:1.22-nanoserver-ltsc2025", 1, "nanoserver"),
    (MCR + "/windows/server:ltsc2022", 1, "servercore"),
]

# Images that are mistakes in some way (WC101, WC102, WC105-style findings).
WINDOWS_MISTAKES = [
    (MCR + "/windows/servercore:latest", 3, "servercore"),
    (MCR + "/dotnet/framework/runtime:4.8.1", 4, "netfx"),
    (MCR + "/dotnet/framework/aspnet:4.8", 2, "aspnet"),
    (MCR + "/windows/nanoserver:ltsc2019", 2, "nanoserver"),
    (MCR + "/windows/servercore:ltsc2021", 1, "servercore"),
    ("microsoft/windowsservercore", 1, "servercore"),
    (MCR + "/windows/servercore/iis", 1, "iis"),
]

# Windows build (SDK) stages: (reference, weight, kind).
WINDOWS_BUILDERS = [
    (MCR + "/dotnet/framework/sdk:4.8.1-windowsservercore-ltsc2022", 6, "msbuild"),
    (MCR + "/dotnet/framework/sdk:4.8-windowsservercore-ltsc2019", 2, "msbuild"),
    (MCR + "/dotnet/sdk:8.0-nanoserver-ltsc2022", 5, "dotnet"),
    (MCR + "/dotnet/sdk:8.0-windowsservercore-ltsc2022", 3, "dotnet"),
    ("golang:1.22-windowsservercore-ltsc2022", 2, "go"),
    (MCR + "/windows/servercore:ltsc2022", 3, "generic"),
]

# Linux builder stages feeding a Windows final stage.
LINUX_BUILDERS = [
    ("golang:1.22", 5, "go"),
    ("golang:1.21-bookworm", 2, "go"),
    ("node:20-alpine", 3, "node"),
    (MCR + "/dotnet/sdk:8.0", 3, "dotnet"),
    ("rust:1.78-slim", 1, "rust"),
    ("debian:bookworm-slim", 1, "generic"),
]

SERVICE_WORDS = [
    "billing", "orders", "gateway", "auth", "catalog", "reports", "legacy",
    "payments", "inventory", "search", "notify", "portal", "agent", "sync",
    "ledger", "audit", "metrics", "crm", "hr", "intranet", "scheduler",
    "exporter", "importer", "printspool", "fileshare", "edge", "identity",
]

# --------------------------------------------------------------------------


def pick(rng, table):
    """Weighted choice over (value, weight, extra...) rows; returns the row."""
    total = sum(row[1] for row in table)
    x = rng.uniform(0, total)
    for row in table:
        x -= row[1]
        if x <= 0:
            return row
    return table[-1]


def split_ref(ref):
    """'host/repo/path:tag' -> ('host', 'repo/path', 'tag'); host may be ''."""
    name, _, tag = ref.rpartition(":") if ":" in ref.split("/")[-1] else (ref, "", "")
    if not name:
        name, tag = ref, ""
    first, _, rest = name.partition("/")
    if rest and ("." in first or ":" in first):
        return first, rest, tag
    return "", name, tag


class Writer:
    """Accumulates logical lines for one file under a given escape char."""

    def __init__(self, rng, escape):
        self.rng = rng
        self.esc = escape
        self.lines = []
        self.double_bs = rng.random() < 0.6

    def add(self, *lines):
        self.lines.extend(lines)

    def blank(self):
        self.lines.append("")

    def size(self):
        return sum(len(x) + 1 for x in self.lines)

    def path(self, p):
        """A Windows path in the file's escaping convention."""
        if self.esc == "`":
            return p
        # default escape: doubled backslashes or forward slashes, per file
        return p.replace("\\", "\\\\") if self.double_bs else p.replace("\\", "/")

    def continued(self, head, body, indent="    ", comments=True):
        """An instruction spanning lines: head, then body lines, each line but
        the last ending in the escape character. Comment lines and (rarely)
        blank lines are sprinkled inside, as BuildKit allows."""
        rng = self.rng
        if len(body) > 1 and rng.random() < 0.6:
            head, body = head + " " + body[0], body[1:]
        out = [head + " " + self.esc]
        for i, line in enumerate(body):
            last = i == len(body) - 1
            if comments and not last and i > 0 and rng.random() < 0.07:
                out.append(indent + "# " + rng.choice(COMMENTS))
            if comments and not last and i > 0 and rng.random() < 0.015:
                out.append("")
            out.append(indent + line + ("" if last else " " + self.esc))
        self.lines.extend(out)


COMMENTS = [
    "pin the version, see the release notes",
    "TODO: move this to the base image",
    "keep in sync with build/versions.props",
    "install prerequisites",
    "clean up to keep the layer small",
    "the MSI needs the VC++ runtime first",
    "workaround for the proxy in the build agents",
    "verify the checksum before extracting",
    "register the service",
    "see https://learn.microsoft.com/virtualization/windowscontainers/",
]


def ver(rng):
    return "%d.%d.%d" % (rng.randint(1, 9), rng.randint(0, 30), rng.randint(0, 120))


def sha(rng):
    return "%064x" % rng.getrandbits(256)


# ---- RUN body generators -------------------------------------------------

TOOLS = ["nodejs", "git", "nuget", "7zip", "jdk", "vcredist", "cmake",
         "nssm", "otelcol", "webdeploy", "urlrewrite", "openssl", "python"]


def pwsh_recipe(rng, w):
    """One tool's install steps, in the order real Dockerfiles have them."""
    tool = rng.choice(TOOLS)
    v = ver(rng)
    dest = w.path("C:\\tools\\" + tool)
    steps = ["$url = 'https://downloads.example.com/%s/%s/%s-%s-win-x64.zip'" % (tool, v, tool, v),
             "Write-Host ('Downloading {0} ...' -f $url)",
             "Invoke-WebRequest -Uri $url -OutFile %s.zip -UseBasicParsing" % tool]
    if rng.random() < 0.6:
        steps += ["$sha256 = '%s'" % sha(rng).upper(),
                  "Write-Host ('Verifying sha256 ({0}) ...' -f $sha256)",
                  "if ((Get-FileHash %s.zip -Algorithm sha256).Hash -ne $sha256) {" % tool,
                  "    Write-Host 'FAILED!'",
                  "    exit 1",
                  "}"]
    steps += ["Expand-Archive %s.zip -DestinationPath %s -Force" % (tool, dest),
              "Remove-Item %s.zip -Force" % tool]
    if rng.random() < 0.5:
        steps += ["$env:PATH = '%s;' + $env:PATH" % dest,
                  "[Environment]::SetEnvironmentVariable('PATH', $env:PATH, [EnvironmentVariableTarget]::Machine)"]
    if rng.random() < 0.5:
        steps += ["Write-Host 'Verifying install ...'",
                  "& %s --version" % (tool if tool != "7zip" else "7z")]
    return steps


PWSH_MISC = [
    ["Install-WindowsFeature Web-Asp-Net45, Web-Windows-Auth -IncludeManagementTools",
     "Import-Module WebAdministration",
     "Remove-Website -Name 'Default Web Site' -ErrorAction SilentlyContinue",
     "New-Website -Name 'app' -Port 80 -PhysicalPath C:\\inetpub\\app -Force",
     "icacls C:\\inetpub\\app /grant 'IIS_IUSRS:(OI)(CI)M' /T"],
    ["Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\Dnscache\\Parameters' -Name ServerPriorityTimeLimit -Value 0 -Type DWord",
     "Set-Service -Name wuauserv -StartupType Disabled"],
    ["[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12",
     "Invoke-WebRequest -Uri https://community.chocolatey.org/install.ps1 -OutFile C:\\tmp\\choco.ps1 -UseBasicParsing",
     "& C:\\tmp\\choco.ps1",
     "choco install -y git --no-progress",
     "choco install -y nodejs-lts --version 20.11.1 --no-progress",
     "Remove-Item -Recurse -Force C:\\ProgramData\\chocolatey\\logs"],
    ["Start-Process msiexec.exe -ArgumentList '/i', 'C:\\tmp\\agent.msi', '/qn', '/norestart' -Wait -NoNewWindow",
     "Get-ChildItem -Path C:\\tmp -Recurse | Remove-Item -Force -Recurse"],
    ["New-Item -ItemType Directory -Force -Path C:\\app\\logs | Out-Null",
     "New-Item -ItemType Directory -Force -Path C:\\app\\data | Out-Null"],
]


def pwsh_lines(rng, n, w):
    """n PowerShell lines from whole recipes. Continuation lines are joined
    into one line, so every statement ends in ';' except the last one and
    lines that open a block."""
    out = []
    while len(out) < n:
        if rng.random() < 0.7:
            out.extend(pwsh_recipe(rng, w))
        else:
            out.extend(w.path(x) for x in rng.choice(PWSH_MISC))
    out = out[:n]
    while out and out[-1].rstrip().endswith("{"):
        out.pop()
    depth = sum(x.count("{") - x.count("}") for x in out)
    out.extend(["}"] * max(0, depth))
    res = []
    for j, x in enumerate(out):
        last = j == len(out) - 1
        s = x.rstrip()
        if last or s.endswith("{"):
            res.append(x)
        else:
            res.append(x + ";")
    return res


def cmd_recipe(rng, w):
    tool = rng.choice(TOOLS)
    v = ver(rng)
    steps = ["curl.exe -fSLo %s.zip https://downloads.example.com/%s/%s-%s.zip" % (tool, tool, tool, v)]
    if rng.random() < 0.4:
        steps.append("certutil -hashfile %s.zip SHA256 | findstr /i %s" % (tool, sha(rng)))
    steps += ["mkdir %s" % w.path("C:\\tools\\" + tool),
              "tar.exe -xf %s.zip -C %s" % (tool, w.path("C:\\tools\\" + tool)),
              "del /q %s.zip" % tool]
    if rng.random() < 0.5:
        steps.append("setx /M PATH \"%%PATH%%;%s\"" % w.path("C:\\tools\\" + tool + "\\bin"))
    if rng.random() < 0.4:
        steps.append("%s --version" % tool)
    return steps


CMD_MISC = [
    ["reg add \"HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\Windows Error Reporting\" /v Disabled /t REG_DWORD /d 1 /f",
     "sc.exe config wuauserv start= disabled"],
    ["dism.exe /online /enable-feature /all /featurename:IIS-ASPNET45 /NoRestart",
     "dism.exe /online /enable-feature /all /featurename:IIS-WindowsAuthentication /NoRestart"],
    ["msiexec.exe /i C:\\tmp\\agent.msi /qn /norestart", "rmdir /s /q C:\\tmp"],
    ["mkdir C:\\app\\data", "icacls C:\\app /grant Users:(OI)(CI)F"],
]


def cmd_lines(rng, n, w):
    """cmd.exe '&&' chain of n lines, the first without '&&'."""
    out = []
    while len(out) < n:
        if rng.random() < 0.75:
            out.extend(cmd_recipe(rng, w))
        else:
            out.extend(w.path(x) for x in rng.choice(CMD_MISC))
    out = out[:n]
    return [out[0]] + ["&& " + x for x in out[1:]]


def linux_run(rng, n, kind):
    """A Linux builder-stage RUN of about n physical lines, backslash-continued
    (a Linux stage never uses the backtick escape... unless the whole file
    does: see gen_file)."""
    pkgs = ["ca-certificates", "git", "make", "gcc", "libc6-dev", "curl",
            "unzip", "zip", "jq", "openssh-client", "pkg-config", "tzdata"]
    cmds = []
    if kind == "node":
        cmds.append(["apk add --no-cache git make python3 g++"])
        cmds.append(["npm ci --no-audit --no-fund"])
        cmds.append(["npm run build"])
    else:
        k = max(1, min(len(pkgs), n - 4))
        chosen = sorted(rng.sample(pkgs, k))
        cmds.append(["apt-get update"])
        cmds.append(["apt-get install -y --no-install-recommends"] + ["    " + p for p in chosen])
        cmds.append(["rm -rf /var/lib/apt/lists/*"])
    extra = {"go": ["go mod download", "go vet ./...", "go test -short ./..."],
             "node": ["npm prune --omit=dev", "npm run lint"],
             "rust": ["cargo fetch", "rustup target add x86_64-pc-windows-gnu"],
             "dotnet": ["dotnet --info", "dotnet restore"],
             "generic": ["mkdir -p /out", "chmod 0755 /out"]}[kind]
    while sum(len(c) for c in cmds) < n:
        cmds.append([rng.choice(extra + ["mkdir -p /out",
                     'echo "built at $(date -u +%Y-%m-%dT%H:%M:%SZ)" > /out/BUILDINFO'])])
    body = []
    for ci, c in enumerate(cmds):
        for li, part in enumerate(c):
            if li == 0:
                body.append(("RUN " if ci == 0 else "    && ") + part)
            else:
                body.append("    " + part)
    return body


def heredoc_sh(rng, kind):
    lines = ["set -eux"]
    if kind == "node":
        lines += ["apk add --no-cache git", "npm ci"]
    else:
        lines += ["apt-get update", "apt-get install -y --no-install-recommends git ca-certificates",
                  "rm -rf /var/lib/apt/lists/*"]
    return lines


# ---- file assembly ---------------------------------------------------------

def gen_file(seed, i):
    rng = random.Random("wincompat-bench:%d:%d" % (seed, i))
    size_target = int(min(6200, max(450, rng.lognormvariate(7.6, 0.6))))
    mistake = rng.random() < 0.12
    escape = "`" if rng.random() < 0.45 else "\\"
    w = Writer(rng, escape)

    # ---- parser directives
    has_heredoc = rng.random() < 0.10
    if has_heredoc or rng.random() < 0.15:
        w.add("# syntax=docker/dockerfile:1" + (".7" if rng.random() < 0.3 else ""))
    if escape == "`":
        w.add("# escape=`")
    if w.lines:
        w.blank()
    if rng.random() < 0.35:
        svc = rng.choice(SERVICE_WORDS)
        w.add("# %s service image (Windows)" % svc.capitalize(),
              "# Build: docker build -t %s:dev -f Dockerfile ." % svc, "")

    # ---- stage plan
    shape = rng.random()
    if shape < 0.45:
        stages = []  # single stage
    elif shape < 0.85:
        stages = ["win"]
    else:
        stages = ["linux"] + (["win"] if rng.random() < 0.3 else [])
    if mistake:
        final = pick(rng, WINDOWS_MISTAKES)
    else:
        final = pick(rng, WINDOWS_RUNTIME)
    final_ref, _, family = final

    # ---- global ARGs
    arg_style = rng.random()
    final_from = final_ref
    host, repo, tag = split_ref(final_ref)
    if arg_style < 0.18 and tag:
        var = rng.choice(["TAG", "WINDOWS_VERSION", "BASE_TAG", "tag"])
        w.add("ARG %s=%s" % (var, tag))
        prefix = (host + "/" if host else "") + repo
        form = rng.random()
        if form < 0.5:
            final_from = "%s:$%s" % (prefix, var)
        elif form < 0.85:
            final_from = "%s:${%s}" % (prefix, var)
        else:
            final_from = '%s:"${%s}"' % (prefix, var)
    elif arg_style < 0.30 and host and tag:
        img_var = rng.choice(["IMAGE", "Repo"])
        w.add("ARG REGISTRY=%s" % host, "ARG %s=%s" % (img_var, repo),
              "ARG VERSION=%s" % tag)
        final_from = "${REGISTRY}/${%s}:${VERSION}" % img_var
    elif arg_style < 0.38:
        w.add('ARG BASE="%s"' % final_ref if rng.random() < 0.6 else "ARG BASE=%s" % final_ref)
        final_from = "${BASE}" if rng.random() < 0.5 else "$BASE"
    elif arg_style < 0.44 and tag:
        w.add("ARG TAG")
        final_from = "%s:${TAG:-%s}" % ((host + "/" if host else "") + repo, tag)
    if rng.random() < 0.25:
        w.add("ARG VERSION_SUFFIX=%s" % rng.choice(["", "-rc1", "-beta"]))
    if w.lines and w.lines[-1] != "":
        w.blank()

    # ---- builder stages
    names_used = []
    for s in stages:
        name = rng.choice(["build", "builder", "sdk", "compile", "deps"])
        if name in names_used:
            name = name + str(len(names_used))
        names_used.append(name)
        if s == "linux":
            ref, _, kind = pick(rng, LINUX_BUILDERS)
            plat = rng.choice(["linux/amd64", "linux/amd64", "$BUILDPLATFORM"])
            w.add("FROM --platform=%s %s AS %s" % (plat, ref, name))
            w.add("WORKDIR /src")
            w.add("COPY go.mod go.sum ./" if kind == "go" else "COPY . .")
            if has_heredoc and rng.random() < 0.7:
                w.add("RUN <<EOF", *heredoc_sh(rng, kind))
                w.add("EOF")
                has_heredoc = False
            body = linux_run(rng, rng.randint(5, 16), kind)
            w.lines.extend(x + ("" if j == len(body) - 1 else " " + escape)
                           for j, x in enumerate(body))
            if kind == "go":
                w.add("COPY . .",
                      "RUN CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -trimpath -ldflags=\"-s -w\" -o /out/app.exe ./cmd/%s" % rng.choice(SERVICE_WORDS))
            elif kind == "dotnet":
                w.add("RUN dotnet publish -c Release -r win-x64 --self-contained false -o /out")
            elif kind == "rust":
                w.add("RUN cargo build --release --target x86_64-pc-windows-gnu && cp target/x86_64-pc-windows-gnu/release/*.exe /out/")
            else:
                w.add("RUN mkdir -p /out && cp -r dist/* /out/")
        else:
            ref, _, kind = pick(rng, WINDOWS_BUILDERS)
            w.add("FROM %s AS %s" % (ref, name))
            if escape == "`" and rng.random() < 0.7:
                w.add('SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\'; $ProgressPreference = \'SilentlyContinue\';"]')
            w.add("WORKDIR " + w.path("C:\\src"))
            if kind == "msbuild":
                w.add("COPY *.sln .", "COPY src/ ./src/",
                      "RUN nuget restore", 
                      "RUN msbuild /p:Configuration=Release /p:DeployOnBuild=true /p:PublishProfile=FolderProfile -m")
            elif kind == "dotnet":
                w.add("COPY *.csproj ./", "RUN dotnet restore", "COPY . .",
                      "RUN dotnet publish -c Release -o " + w.path("C:\\out") + " --no-restore")
            elif kind == "go":
                w.add("COPY . .", "RUN go build -o " + w.path("C:\\out\\app.exe") + " ./cmd/app")
            else:
                w.continued("RUN", pwsh_lines(rng, rng.randint(5, 12), w) if escape == "`"
                            else cmd_lines(rng, rng.randint(5, 12), w))
        w.blank()

    # ---- final stage
    if stages and rng.random() < 0.3:
        w.add("FROM %s AS final" % final_from)
    else:
        w.add("FROM %s" % final_from)
    if rng.random() < 0.4:
        w.continued("LABEL", [
            'org.opencontainers.image.title="%s"' % rng.choice(SERVICE_WORDS),
            'org.opencontainers.image.version="%s"' % ver(rng),
            'org.opencontainers.image.vendor="Contoso"',
            'org.opencontainers.image.source="https://git.example.com/%s"' % rng.choice(SERVICE_WORDS),
        ], comments=False)
    ps_shell = False
    if family in ("servercore", "iis", "aspnet", "netfx", "python") and (escape == "`" or rng.random() < 0.3):
        w.add('SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\'; $ProgressPreference = \'SilentlyContinue\';"]')
        ps_shell = True
    elif family == "pwsh" and rng.random() < 0.7:
        w.add('SHELL ["pwsh", "-NoLogo", "-NoProfile", "-Command", "$ErrorActionPreference = \'Stop\';"]')
        ps_shell = True
    if rng.random() < 0.5:
        w.add("ARG APP_VERSION=%s" % ver(rng))
        w.add("ENV APP_VERSION=${APP_VERSION} " + rng.choice([
            "ASPNETCORE_URLS=http://+:8080", "DOTNET_RUNNING_IN_CONTAINER=true",
            "PYTHONUNBUFFERED=1", "LOG_DIR=C:/app/logs"]))
    w.add("WORKDIR " + w.path(rng.choice(["C:\\app", "C:\\inetpub\\wwwroot", "C:\\service"])))
    if stages:
        src = names_used[-1]
        if escape == "`":
            w.add("COPY --from=%s C:\\out\\ ." % src if "linux" not in stages[-1:]
                  else "COPY --from=%s /out/ ." % src)
        else:
            w.add("COPY --from=%s %s ." % (src, "/out/" if stages[-1] == "linux" else w.path("C:\\out\\")))
    else:
        w.add("COPY %s ." % rng.choice(["publish/", "bin/Release/", "dist/", "."]))
    if rng.random() < 0.08:
        w.add("COPY --from=%s/dotnet/framework/runtime:4.8.1 C:\\Windows\\Microsoft.NET C:\\Windows\\Microsoft.NET"
              % MCR if escape == "`" else
              "COPY --from=%s/windows/servercore:ltsc2022 /Windows/System32/netapi32.dll /Windows/System32/" % MCR)

    # ---- long RUN blocks up to the size target
    nanoserver = family in ("nanoserver", "dotnet") or (family == "pwsh" and not ps_shell)
    reserve = 260
    blocks = 0
    while blocks == 0 or w.size() + reserve < size_target:
        remaining = max(0, size_target - w.size() - reserve)
        n = max(5, min(60, remaining // 85 or 5, rng.randint(5, 60)))
        if rng.random() < 0.3:
            n = rng.randint(5, 60) if remaining > 3000 else n
        if ps_shell:
            w.continued("RUN", pwsh_lines(rng, n, w))
        elif escape == "`" and not nanoserver:
            w.continued("RUN powershell -Command", pwsh_lines(rng, n, w))
        elif nanoserver:
            w.continued("RUN", cmd_lines(rng, min(n, 12), w))
        else:
            if rng.random() < 0.5:
                w.continued("RUN powershell -NoProfile -Command", pwsh_lines(rng, n, w))
            else:
                w.continued("RUN", cmd_lines(rng, n, w))
        blocks += 1
        if has_heredoc:
            if rng.random() < 0.5:
                w.add("COPY <<EOF %s" % ("C:/app/appsettings.json" if escape == "\\" else "C:\\app\\appsettings.json"),
                      "{", '  "Logging": { "LogLevel": { "Default": "Information" } },',
                      '  "AllowedHosts": "*"', "}", "EOF")
            else:
                w.add("RUN <<EOF", "echo configuring", "mkdir C:\\app\\cache", "EOF")
            has_heredoc = False
        if rng.random() < 0.15:
            w.add("# " + rng.choice(COMMENTS))
        if blocks > 6:
            break

    # ---- tail
    if rng.random() < 0.6:
        w.add("EXPOSE %d" % rng.choice([80, 443, 5000, 8080, 8443]))
    if rng.random() < 0.3:
        if ps_shell:
            w.continued("HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD", [
                "try { $r = Invoke-WebRequest -Uri http://localhost/health -UseBasicParsing;",
                "if ($r.StatusCode -eq 200) { exit 0 } else { exit 1 } } catch { exit 1 }"], comments=False)
        else:
            w.add("HEALTHCHECK --interval=30s CMD curl.exe -fs http://localhost:8080/health || exit 1")
    if rng.random() < 0.4:
        w.add("USER " + rng.choice(["ContainerUser", "ContainerAdministrator"]))
    entry = rng.random()
    if entry < 0.4:
        w.add('ENTRYPOINT ["%s"]' % rng.choice(["C:\\\\app\\\\app.exe", "dotnet", "C:/service/svc.exe"]))
        if rng.random() < 0.5:
            w.add('CMD ["--port", "8080"]')
    elif entry < 0.7:
        w.add('CMD ["%s"]' % rng.choice(["C:\\\\ServiceMonitor.exe", "python", "pwsh"]) + "")
    else:
        w.add("CMD " + rng.choice(["app.exe --urls http://+:8080", "python -m app",
                                   "powershell -File C:\\app\\start.ps1"]))

    crlf = rng.random() < 0.20
    bom = rng.random() < 0.05
    text = ("\r\n" if crlf else "\n").join(w.lines) + ("\r\n" if crlf else "\n")
    data = text.encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    return rel_path(rng, i), data


def rel_path(rng, i):
    svc = "svc-%04d" % i
    group = "team-%02d" % (i // 250)
    r = rng.random()
    if r < 0.45:
        p = (svc, "Dockerfile")
    elif r < 0.60:
        p = (svc, "Dockerfile.windows")
    elif r < 0.70:
        p = (svc, rng.choice(["app", "web", "worker", "api"]) + ".Dockerfile")
    elif r < 0.80:
        p = (svc, "docker", "windows", "Dockerfile")
    elif r < 0.86:
        p = (svc, "Dockerfile_windows")
    elif r < 0.92:
        p = (svc, "build", "Dockerfile." + rng.choice(["ltsc2022", "ltsc2019", "1809", "win"]))
    elif r < 0.96:
        p = (svc, "Containerfile")
    else:
        p = (svc, "src", rng.choice(SERVICE_WORDS), "Dockerfile")
    return os.path.join(group, *p)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.count < 0:
        ap.error("COUNT must be >= 0")

    total = 0
    stats = {"crlf": 0, "bom": 0, "escape": 0, "multistage": 0, "heredoc": 0}
    os.makedirs(args.outdir, exist_ok=True)
    info = os.path.join(args.outdir, "CORPUS-INFO.txt")
    if os.path.exists(info):
        os.remove(info)
    made_dirs = set()
    for i in range(args.count):
        rel, data = gen_file(args.seed, i)
        full = os.path.join(args.outdir, rel)
        d = os.path.dirname(full)
        if d not in made_dirs:
            os.makedirs(d, exist_ok=True)
            made_dirs.add(d)
        with open(full, "wb") as f:
            f.write(data)
        total += len(data)
        stats["crlf"] += b"\r\n" in data
        stats["bom"] += data.startswith(b"\xef\xbb\xbf")
        stats["escape"] += b"# escape=`" in data[:64]
        stats["multistage"] += data.count(b"\nFROM ") + data.startswith(b"FROM ") > 1
        stats["heredoc"] += b"<<EOF" in data
    with open(info, "w", encoding="utf-8", newline="\n") as f:
        f.write("files %d\nbytes %d\nseed %d\n" % (args.count, total, args.seed))
        for k in sorted(stats):
            f.write("%s %d\n" % (k, stats[k]))
    if not args.quiet:
        n = max(1, args.count)
        print("gen_dockerfiles: %d files, %d bytes (%.2f MB, avg %.0f B) in %s; "
              "crlf %d, bom %d, escape-backtick %d, multi-stage %d, heredoc %d"
              % (args.count, total, total / 1e6, total / n, args.outdir,
                 stats["crlf"], stats["bom"], stats["escape"], stats["multistage"],
                 stats["heredoc"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
