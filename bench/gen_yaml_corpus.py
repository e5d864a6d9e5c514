#!/usr/bin/env python3
"""Generate a repository-shaped corpus of Kubernetes YAML for benchmarks.

Usage: gen_yaml_corpus.py OUTDIR COUNT [--seed N] [--scale X]
                          [--dockerfiles N] [--jobs N] [--quiet]

Writes round(COUNT * X) YAML files under OUTDIR (created; existing files with
the same names are overwritten) laid out like a monorepo, and, last of all,
OUTDIR/CORPUS-INFO.txt with the file count, total bytes, seed, scale and the
counts of each file shape (bench/run_yaml.sh and bench/run_mixed.sh treat that
file as "the corpus is complete"; its name matches none of wincompat's
patterns). `--dockerfiles N` also writes round(N * X) Dockerfiles into
OUTDIR/dockerfiles/ with bench/gen_dockerfiles.py (same seed): the mixed
corpus of bench/run_mixed.sh.

Deterministic: the same seed gives byte-identical output on any platform and
Python 3 version. Files come in groups of 16 (one folder tree: a service, a
chart, a cluster folder ...); file i depends only on (seed, i), so the first N
files of a larger corpus are the corpus of size N, and --scale X is the same
as COUNT * X files (the 4x corpus is the 1x corpus plus three more like it).

Shapes (COUNT = 10,000: about 73 MB, average 7.3 KB, median 0.7 KB):
- apps/<team>/<svc>/k8s/{base,overlays/<env>}/: workloads (Deployment,
  StatefulSet, DaemonSet, Job, CronJob, a few bare Pods and Argo Rollouts;
  about 15% of files), often with a Service, ConfigMap, HPA or
  ServiceAccount in the same file (`---`); Services, Ingresses, small
  ConfigMaps, Secrets, RBAC (ServiceAccount/Role/RoleBinding), HPA, PDB,
  NetworkPolicy, kustomization.yaml, custom resources (Certificate,
  ServiceMonitor, ExternalSecret).
- charts/<chart>/: Chart.yaml (apiVersion, no kind), values*.yaml (Helm
  values: not Kubernetes objects, with anchors and merge keys), templates/
  (unrendered Go templates: most are not valid YAML, as in real charts), crds/.
- clusters/<cluster>/<component>/: helm-template output (`# Source:` comments, empty
  documents), kind: List exports with status and managedFields, ClusterRoles
  and bindings, Namespaces with quotas, RuntimeClasses (windows-2019/2022/
  2025, Hyper-V; the aks-legacy-2019 cluster pins windows-2022 to another
  build, so one name has two definitions), big
  ConfigMaps (Grafana dashboards, nginx.conf, web.config, PowerShell,
  embedded manifests as block scalars), large CRDs (200 KB-1 MB, deep
  openAPIV3Schema, several versions).
- crds/<operator>/: CRDs of all sizes and example custom resources;
  .github/workflows/, ci/, deploy/<env>/: pipelines (not Kubernetes) and
  kustomizations.
Windows pods use nodeSelector kubernetes.io/os: windows, AKS os-sku labels
(Windows2019/2022/2025/Annual), node.kubernetes.io/windows-build, required
node affinity, RuntimeClasses, tolerations, HostProcess DaemonSets, with
mcr.microsoft.com/windows/servercore:ltsc2019|ltsc2022, nanoserver, dotnet
framework aspnet -windowsservercore-ltsc2022 ... and deliberate mistakes
(no selector, build mismatch, Linux sidecar, unknown RuntimeClass, private
images). Linux pods use nginx, redis, myacr.azurecr.io/app:1.x ...
Styles vary per file: indented or flush sequences, quoting, flow mappings,
CRLF (~2%), a UTF-8 BOM (~0.5%), `kind` after `spec`, `...` end markers,
`%YAML` directives, anchors in manifests, long plain scalars over several
lines; and a few deliberate syntax errors deep inside large documents.

Python 3 standard library only.
"""

import argparse
import base64
import json
import math
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_dockerfiles  # noqa: E402  (the Dockerfile corpus, SERVICE_WORDS)

MCR = gen_dockerfiles.MCR
SERVICE_WORDS = gen_dockerfiles.SERVICE_WORDS
GROUP = 16  # files per folder tree

# ==========================================================================
# A small YAML emitter with the knobs real files differ in.


class Block:
    """A block scalar: `|`/`|-` (literal) or `>`/`>-` (folded)."""
    __slots__ = ("text", "folded")

    def __init__(self, text, folded=False):
        self.text, self.folded = text, folded


class Wrapped:
    """A long plain scalar written over several lines."""
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


class Flow:
    """A flow collection of scalars: [a, b] or {k: v}."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class Anchor:
    __slots__ = ("name", "value")

    def __init__(self, name, value):
        self.name, self.value = name, value


class Alias:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name


class Comment:
    """A whole-line comment; used as a dict key (its value is ignored)."""
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


class Tail:
    """A scalar followed by a comment on the same line."""
    __slots__ = ("value", "text")

    def __init__(self, value, text):
        self.value, self.text = value, text


class Style:
    def __init__(self, rng):
        self.ind = 2 if rng.random() < 0.93 else 4
        self.seq_indent = rng.random() < 0.55      # "  - x" under its key
        self.single = rng.random() < 0.25          # prefer 'single' quotes
        self.quote_all = rng.random() < 0.08       # quote every string value


_RESERVED = {"", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"}
_NUMLIKE = re.compile(
    r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|0x[0-9a-fA-F_]+$|0o?[0-7_]+$"
    r"|0b[01_]+$|[-+]?\.(inf|Inf|INF)$|\.(nan|NaN|NAN)$|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_FIRST_BAD = set("-?:,[]{}#&*!|>'\"%@` ")


def plain_ok(s, flow=False):
    if s.lower() in _RESERVED or _NUMLIKE.match(s):
        return False
    if s[0] in _FIRST_BAD or s[-1] in " :" or ": " in s or " #" in s:
        return False
    if "\n" in s or "\t" in s or "\r" in s:
        return False
    if flow and any(c in s for c in ",[]{}"):
        return False
    return True


def scalar(v, st, flow=False, key=False):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if plain_ok(s, flow) and (key or not st.quote_all):
        return s
    if st.single and "\n" not in s and not any(ord(c) < 32 for c in s):
        return "'" + s.replace("'", "''") + "'"
    return json.dumps(s, ensure_ascii=False)


def flow_text(v, st):
    if isinstance(v, dict):
        return "{" + ", ".join("%s: %s" % (scalar(k, st, True, True), flow_text(x, st))
                               for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(flow_text(x, st) for x in v) + "]"
    return scalar(v, st, True)


def _block_lines(b, ind, out):
    text = b.text
    chomp = "" if text.endswith("\n") else "-"
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    head = (">" if b.folded else "|") + chomp
    if lines and lines[0][:1] == " ":
        head = head[0] + str(ind) + head[1:]  # explicit indentation indicator
    pad = " " * ind
    for ln in lines:
        out.append(pad + ln if ln else "")
    return head


def _value(key_text, v, ind, out, st):
    """Appends `key: value` (key_text may be "-" for a sequence item)."""
    pad = " " * ind
    sep = " " if key_text == "-" else ": "
    lead = pad + key_text
    anchor = ""
    if isinstance(v, Anchor):
        anchor, v = "&" + v.name, v.value
    if isinstance(v, dict) and v:
        if key_text == "-" and not anchor:
            sub = []
            emit_map(v, ind + 2, sub, st)
            sub[0] = pad + "- " + sub[0][ind + 2:]
            out.extend(sub)
        else:
            out.append(lead + (sep + anchor if anchor else ("" if key_text == "-" else ":")))
            emit_map(v, ind + (2 if key_text == "-" else st.ind), out, st)
    elif isinstance(v, list) and v:
        out.append(lead + (sep + anchor if anchor else ("" if key_text == "-" else ":")))
        if key_text == "-":
            emit_seq(v, ind + 2, out, st)
        else:
            emit_seq(v, ind + (st.ind if st.seq_indent else 0), out, st)
    elif isinstance(v, Block):
        at = len(out)
        out.append(None)
        head = _block_lines(v, ind + (2 if key_text == "-" else st.ind), out)
        out[at] = lead + sep + (anchor + " " if anchor else "") + head
    elif isinstance(v, Wrapped):
        words = v.text.split(" ")
        cont = " " * (ind + (2 if key_text == "-" else st.ind))
        line = lead + sep + (anchor + " " if anchor else "")
        first = True
        for w in words:
            if not first and len(line) + len(w) > 80:
                out.append(line)
                line = cont + w
            else:
                line += ("" if first else " ") + w
            first = False
        out.append(line)
    else:
        if isinstance(v, Flow):
            text = flow_text(v.value, st)
        elif isinstance(v, Alias):
            text = "*" + v.name
        elif isinstance(v, Tail):
            text = scalar(v.value, st) + "  # " + v.text
        elif isinstance(v, dict):
            text = "{}"
        elif isinstance(v, list):
            text = "[]"
        else:
            text = scalar(v, st)
        out.append(lead + sep + (anchor + " " if anchor else "") + text)


def emit_map(d, ind, out, st):
    for k, v in d.items():
        if isinstance(k, Comment):
            out.append(" " * ind + "# " + k.text)
        else:
            _value(scalar(k, st, key=True), v, ind, out, st)


def emit_seq(seq, ind, out, st):
    for v in seq:
        if isinstance(v, Comment):
            out.append(" " * ind + "# " + v.text)
        else:
            _value("-", v, ind, out, st)


def plain_data(o):
    """The emitter's wrappers undone: plain dicts, lists and scalars (for JSON)."""
    if isinstance(o, dict):
        return {k: plain_data(v) for k, v in o.items() if not isinstance(k, Comment)}
    if isinstance(o, list):
        return [plain_data(v) for v in o if not isinstance(v, Comment)]
    if isinstance(o, (Anchor, Flow, Tail)):
        return plain_data(o.value)
    if isinstance(o, (Block, Wrapped)):
        return o.text
    if isinstance(o, Alias):
        return None
    return o


def dump(obj, st):
    out = []
    if isinstance(obj, dict):
        emit_map(obj, 0, out, st)
    else:
        emit_seq(obj, 0, out, st)
    return "\n".join(out) + "\n"


# ==========================================================================
# Vocabulary.

TEAMS = ["payments", "identity", "platform", "retail", "logistics", "data",
         "web", "legacy", "finance", "support", "search", "ops"]
ENVS = ["dev", "test", "staging", "prod", "prod-eu", "prod-us", "qa", "perf"]
CLUSTERS = ["aks-weu-prod", "aks-neu-prod", "aks-eus-prod", "aks-weu-dev",
            "eks-use1-prod", "aks-wus-staging", "gke-euw1-prod", "aks-legacy-2019"]
ROLES = ["api", "web", "worker", "scheduler", "gateway", "sync", "portal", "agent"]

# Windows images by the Windows build they carry.
WIN = {
    "2019": [MCR + "/windows/servercore:ltsc2019", MCR + "/windows/nanoserver:1809",
             MCR + "/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019",
             MCR + "/dotnet/framework/runtime:4.8-windowsservercore-ltsc2019",
             MCR + "/dotnet/aspnet:8.0-nanoserver-1809", MCR + "/windows/servercore:1809",
             MCR + "/windows/servercore/iis:windowsservercore-ltsc2019",
             MCR + "/windows/servercore:10.0.17763.5122"],
    "2022": [MCR + "/windows/servercore:ltsc2022", MCR + "/windows/nanoserver:ltsc2022",
             MCR + "/dotnet/framework/aspnet:4.8.1-windowsservercore-ltsc2022",
             MCR + "/dotnet/framework/aspnet:4.8.1-windowsservercore-ltsc2022",
             MCR + "/dotnet/framework/runtime:4.8.1-windowsservercore-ltsc2022",
             MCR + "/dotnet/aspnet:8.0-nanoserver-ltsc2022",
             MCR + "/windows/servercore/iis:windowsservercore-ltsc2022",
             MCR + "/powershell:lts-nanoserver-ltsc2022",
             MCR + "/windows/servercore:10.0.20348.2113",
             "python:3.12-windowsservercore-ltsc2022"],
    "2025": [MCR + "/windows/servercore:ltsc2025", MCR + "/windows/nanoserver:ltsc2025",
             MCR + "/dotnet/framework/aspnet:4.8.1-windowsservercore-ltsc2025"],
    "multi": [MCR + "/dotnet/framework/aspnet:4.8.1", MCR + "/dotnet/framework/runtime:4.8",
              MCR + "/windows/servercore/iis"],
    "private": ["myacr.azurecr.io/win/portal:2.3.1", "contoso.azurecr.io/legacy/billing-svc:1.14.0-win",
                "myacr.azurecr.io/win/printspool:%d.%d.%d", "contoso.azurecr.io/intranet/web:2024.%d.%d"],
}
HPC_IMAGE = MCR + "/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0"
SKU = {"2019": "Windows2019", "2022": "Windows2022", "2025": "Windows2025"}
BUILD = {"2019": "10.0.17763", "2022": "10.0.20348", "2025": "10.0.26100"}
LINUX = ["nginx:1.25.3", "nginx:1.25-alpine", "redis:7.2.4", "redis:7.2-alpine",
         "myacr.azurecr.io/app:1.%d.%d", "myacr.azurecr.io/app:1.%d", "postgres:16.1",
         "busybox:1.36", "alpine:3.19", "quay.io/prometheus/node-exporter:v1.7.0",
         "fluent/fluent-bit:2.2.2", "registry.k8s.io/ingress-nginx/controller:v1.9.5",
         "ghcr.io/contoso/%s:sha-%07x", MCR + "/dotnet/aspnet:8.0",
         "docker.io/bitnami/rabbitmq:3.12.12-debian-11-r0", "gcr.io/distroless/static:nonroot",
         "myacr.azurecr.io/app@sha256:%064x", "otel/opentelemetry-collector-contrib:0.92.0"]
SIDECARS = ["fluent/fluent-bit:2.2.2", "busybox:1.36", "envoyproxy/envoy:v1.28.0"]


def image_of(rng, fmt):
    n = fmt.count("%")
    if n == 0:
        return fmt
    if "%s" in fmt:
        return fmt % (rng.choice(SERVICE_WORDS), rng.getrandbits(28))
    if "%064x" in fmt:
        return fmt % rng.getrandbits(256)
    return fmt % tuple(rng.randint(0, 40) for _ in range(n))


WORDS = ("the a of to for when which this field is used controller pod node container "
         "value default must be set if not specified resource name namespace selector "
         "label annotation configuration endpoint secret key reference object list "
         "status condition type reason message time last observed generation spec "
         "defines desired state cluster service port protocol scheme path interval "
         "timeout number of seconds after applies only requires deprecated replaced by "
         "in future release see https://kubernetes.io/docs/ for more information "
         "optional required immutable updated whether enable disable TLS certificate "
         "authority client server volume mount claim storage class access mode").split()


def sentence(rng, lo=6, hi=24):
    w = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    w[0] = w[0].capitalize()
    return " ".join(w) + "."


def text_para(rng, n):
    return " ".join(sentence(rng) for _ in range(n))


def meta(rng, name, ns=None, labels=None, annotations=None):
    m = {"name": name}
    if ns:
        m["namespace"] = ns
    if labels:
        m["labels"] = labels
    if annotations:
        m["annotations"] = annotations
    return m


def std_labels(rng, app, part_of, managed):
    lab = {"app.kubernetes.io/name": app, "app.kubernetes.io/instance": app + "-" + rng.choice(ENVS)}
    if rng.random() < 0.7:
        lab["app.kubernetes.io/version"] = "%d.%d.%d" % (rng.randint(0, 5), rng.randint(0, 30), rng.randint(0, 9))
    if rng.random() < 0.6:
        lab["app.kubernetes.io/part-of"] = part_of
    lab["app.kubernetes.io/managed-by"] = managed
    if managed == "Helm":
        lab["helm.sh/chart"] = "%s-%d.%d.%d" % (part_of, rng.randint(0, 3), rng.randint(0, 20), rng.randint(0, 9))
    return lab


def obj(api, kind, metadata, body, st_order=None):
    d = {"apiVersion": api, "kind": kind, "metadata": metadata}
    d.update(body)
    if st_order == "kind_last":  # apiVersion/kind after spec
        d = {k: v for k, v in d.items() if k not in ("apiVersion", "kind")}
        d["apiVersion"], d["kind"] = api, kind
    return d


# ==========================================================================
# Pods.

WIN_SCENARIOS = [  # (name, weight)
    ("pinned_sku", 22), ("pinned_build", 10), ("affinity", 8), ("runtimeclass", 8),
    ("os_only", 12), ("os_name_only", 3), ("none", 5), ("mismatch", 4), ("newer", 2),
    ("annual", 2), ("w2025", 3), ("rc_unknown", 3), ("hyperv", 2), ("private", 6),
    ("mixed", 3), ("linux_selector", 1), ("multi", 3), ("hostprocess", 3),
    ("hostprocess_bad", 1), ("flow_selector", 2), ("anchors", 2),
]


def pick_w(rng, table):
    total = sum(w for _, w in table)
    x = rng.uniform(0, total)
    for v, w in table:
        x -= w
        if x <= 0:
            return v
    return table[-1][0]


def resources(rng, win):
    cpu = rng.choice(["100m", "250m", "500m", "1", "2"])
    mem = rng.choice(["128Mi", "256Mi", "512Mi", "1Gi", "2Gi", "4Gi"] if win else ["64Mi", "128Mi", "256Mi", "512Mi", "1Gi"])
    r = {"requests": {"cpu": cpu, "memory": mem}}
    if rng.random() < 0.8:
        r["limits"] = {"cpu": rng.choice(["500m", "1", "2", "4"]), "memory": mem}
    return r


def env_list(rng, win, n):
    out = []
    names = ["ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "LOG_LEVEL", "DB_HOST", "DB_NAME",
             "REDIS_URL", "FEATURE_FLAGS", "OTEL_EXPORTER_OTLP_ENDPOINT", "TZ", "DOTNET_gcServer",
             "APP_MODE", "CACHE_TTL", "QUEUE_NAME", "HTTP_PROXY", "NO_PROXY", "ENABLE_METRICS"]
    for name in rng.sample(names, min(n, len(names))):
        r = rng.random()
        if r < 0.6:
            val = rng.choice(["http://+:80", "Production", "info", "db.internal", "orders",
                              "redis://redis:6379/0", "true", "1", "8080", "Europe/Amsterdam",
                              "http://otel-collector.monitoring:4317", "C:\\app\\data", "0.25",
                              "a,b,c", "300", "yes", "localhost,127.0.0.1,.svc,.cluster.local"])
            out.append({"name": name, "value": val})
        elif r < 0.8:
            out.append({"name": name, "valueFrom": {"secretKeyRef": {"name": "app-secrets", "key": name.lower()}}})
        elif r < 0.9:
            out.append({"name": name, "valueFrom": {"configMapKeyRef": {"name": "app-config", "key": name.lower()}}})
        else:
            out.append({"name": name, "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}})
    return out


def container(rng, name, image, win, hostprocess=False, full=True):
    c = {"name": name, "image": image}
    if rng.random() < 0.6:
        c["imagePullPolicy"] = rng.choice(["IfNotPresent", "Always"])
    if not full:
        if win:
            c["command"] = ["powershell", "-Command", "Copy-Item C:\\src\\* C:\\shared -Recurse"]
        else:
            c["command"] = ["sh", "-c", "until nslookup db; do sleep 2; done"]
        return c
    if rng.random() < 0.4:
        c["args"] = rng.choice([["--port", "8080"], ["--config", "C:\\app\\config\\app.json" if win else "/etc/app/app.yaml"],
                                ["-c", "/etc/fluent-bit/fluent-bit.conf"]])
    port = rng.choice([80, 443, 5000, 8080, 8443, 9090])
    c["ports"] = [{"name": "http", "containerPort": port, "protocol": "TCP"}]
    if rng.random() < 0.3:
        c["ports"].append({"name": "metrics", "containerPort": 9102})
    c["env"] = env_list(rng, win, rng.randint(1, 9))
    if rng.random() < 0.3:
        c["envFrom"] = [{"configMapRef": {"name": "app-config"}}]
    c["resources"] = resources(rng, win)
    if rng.random() < 0.75:
        c["readinessProbe"] = {"httpGet": {"path": "/health/ready", "port": port},
                               "initialDelaySeconds": rng.choice([5, 10, 30, 60]), "periodSeconds": 10}
    if rng.random() < 0.6:
        if win:
            c["livenessProbe"] = {"exec": {"command": [
                "powershell", "-Command",
                "try { $r = Invoke-WebRequest -Uri http://localhost:%d/health -UseBasicParsing; if ($r.StatusCode -eq 200) { exit 0 } } catch { }; exit 1" % port]},
                "initialDelaySeconds": 60, "periodSeconds": 30, "timeoutSeconds": 10}
        else:
            c["livenessProbe"] = {"tcpSocket": {"port": port}, "periodSeconds": 20}
    mounts = [{"name": "config", "mountPath": "C:\\app\\config" if win else "/etc/app", "readOnly": True}]
    if rng.random() < 0.4:
        mounts.append({"name": "data", "mountPath": "C:\\app\\data" if win else "/var/lib/app"})
    c["volumeMounts"] = mounts
    if hostprocess:
        c["securityContext"] = {"windowsOptions": {"hostProcess": True, "runAsUserName": "NT AUTHORITY\\SYSTEM"}}
    elif win and rng.random() < 0.5:
        c["securityContext"] = {"windowsOptions": {"runAsUserName": rng.choice(["ContainerUser", "ContainerAdministrator"])}}
    elif not win and rng.random() < 0.6:
        c["securityContext"] = {"runAsNonRoot": True, "readOnlyRootFilesystem": True,
                                "allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}}
    return c


WIN_TOL = {"key": "os", "operator": "Equal", "value": "windows", "effect": "NoSchedule"}


def windows_pod(rng, svc, scenario):
    """A Windows pod spec for a scenario (see WIN_SCENARIOS); returns a dict."""
    build = pick_w(rng, [("2022", 6), ("2019", 3), ("2025", 1)])
    img_build = build
    if scenario == "mismatch":
        build, img_build = "2022", "2019"
    elif scenario == "newer":
        build, img_build = "2019", "2022"
    elif scenario == "w2025":
        build, img_build = "2025", "2022"
    spec = {}
    if rng.random() < 0.7:
        spec["serviceAccountName"] = svc
    sel = None
    if scenario in ("pinned_sku", "mismatch", "newer", "w2025", "private", "multi", "mixed"):
        sel = {"kubernetes.io/os": "windows", "kubernetes.azure.com/os-sku": SKU[build]}
    elif scenario == "annual":
        sel = {"kubernetes.io/os": "windows", "kubernetes.azure.com/os-sku": "WindowsAnnual"}
        img_build = "2019"
    elif scenario == "pinned_build":
        sel = {"kubernetes.io/os": "windows", "node.kubernetes.io/windows-build": BUILD[build]}
    elif scenario in ("os_only", "hostprocess", "hostprocess_bad"):
        sel = {"kubernetes.io/os": "windows"}
    elif scenario == "linux_selector":
        sel = {"kubernetes.io/os": "linux"}
    elif scenario == "flow_selector":
        sel = Flow({"kubernetes.io/os": "windows", "kubernetes.azure.com/os-sku": SKU[build]})
    if sel is not None:
        if rng.random() < 0.2 and not isinstance(sel, Flow):
            sel["kubernetes.azure.com/agentpool"] = "win" + build[2:]
        spec["nodeSelector"] = sel
    if scenario == "affinity":
        spec["affinity"] = {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
            "nodeSelectorTerms": [{"matchExpressions": [
                {"key": "kubernetes.io/os", "operator": "In", "values": ["windows"]},
                {"key": "node.kubernetes.io/windows-build", "operator": "In", "values": [BUILD[build]]}]}]}}}
    if scenario in ("runtimeclass", "rc_unknown", "hyperv"):
        spec["runtimeClassName"] = {"runtimeclass": "windows-" + build, "rc_unknown": "windows-custom-" + build,
                                    "hyperv": "windows-hyperv"}[scenario]
        if scenario == "hyperv":
            img_build = "2019"
    if scenario == "os_name_only":
        spec["os"] = {"name": "windows"}
    elif rng.random() < 0.25 and scenario != "linux_selector":
        spec["os"] = {"name": "windows"}
    if scenario in ("hostprocess", "hostprocess_bad"):
        if scenario == "hostprocess":
            spec["hostNetwork"] = True
        spec["securityContext"] = {"windowsOptions": {"hostProcess": True, "runAsUserName": "NT AUTHORITY\\SYSTEM"}}
    if scenario not in ("none", "os_name_only") and rng.random() < 0.6:
        spec["tolerations"] = [dict(WIN_TOL)]
        if rng.random() < 0.3:
            spec["tolerations"].append({"key": "node.kubernetes.io/os", "operator": "Equal",
                                        "value": "windows", "effect": "NoSchedule"})
    # containers
    if scenario == "private":
        image = image_of(rng, rng.choice(WIN["private"]))
    elif scenario == "multi":
        image = rng.choice(WIN["multi"])
    elif scenario in ("hostprocess", "hostprocess_bad"):
        image = HPC_IMAGE if rng.random() < 0.6 else rng.choice(WIN[img_build])
    else:
        image = rng.choice(WIN[img_build])
    hp = scenario == "hostprocess"
    cs = [container(rng, rng.choice(ROLES), image, True, hostprocess=hp)]
    if rng.random() < 0.25 or scenario == "hostprocess_bad":
        side = rng.choice(WIN[img_build]) if scenario != "hostprocess_bad" else MCR + "/windows/nanoserver:ltsc2022"
        cs.append(container(rng, "log-shipper", side, True, full=rng.random() < 0.5))
    if scenario == "mixed":
        cs.append(container(rng, "fluent-bit", rng.choice(SIDECARS), False, full=False))
    spec["containers"] = cs
    if rng.random() < 0.2:
        spec["initContainers"] = [container(rng, "init-config", rng.choice(WIN[img_build]), True, full=False)]
    spec["volumes"] = [{"name": "config", "configMap": {"name": svc + "-config"}}]
    if rng.random() < 0.3:
        spec["volumes"].append({"name": "data", "emptyDir": {}})
    if rng.random() < 0.3:
        spec["terminationGracePeriodSeconds"] = rng.choice([30, 60, 120])
    if rng.random() < 0.3:
        spec["imagePullSecrets"] = [{"name": "acr-pull"}]
    if scenario == "anchors":
        # Anchors within one manifest: resources and env defined once, reused
        # by the second container and the init container.
        spec["nodeSelector"] = {"kubernetes.io/os": "windows", "kubernetes.azure.com/os-sku": SKU[build]}
        first = spec["containers"][0]
        res, env = first["resources"], first["env"]
        first["resources"], first["env"] = Anchor("res", res), Anchor("env", env)
        spec["containers"].append(container(rng, "worker", image, True, full=False))
        spec["containers"][-1]["resources"] = Alias("res")
        spec["initContainers"] = [container(rng, "migrate", image, True, full=False)]
        spec["initContainers"][0]["env"] = Alias("env")
    return spec


def linux_pod(rng, svc):
    spec = {}
    if rng.random() < 0.6:
        spec["serviceAccountName"] = svc
    if rng.random() < 0.5:
        spec["nodeSelector"] = {"kubernetes.io/os": "linux"}
        if rng.random() < 0.2:
            spec["nodeSelector"]["kubernetes.azure.com/agentpool"] = "system"
    elif rng.random() < 0.15:
        spec["affinity"] = {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
            "nodeSelectorTerms": [{"matchExpressions": [
                {"key": "kubernetes.io/os", "operator": "NotIn", "values": ["windows"]}]}]}}}
    if rng.random() < 0.4:
        spec["securityContext"] = {"runAsNonRoot": True, "runAsUser": 10001, "fsGroup": 10001,
                                   "seccompProfile": {"type": "RuntimeDefault"}}
    cs = [container(rng, rng.choice(ROLES), image_of(rng, rng.choice(LINUX)), False)]
    if rng.random() < 0.2:
        cs.append(container(rng, "sidecar", rng.choice(SIDECARS), False, full=rng.random() < 0.5))
    spec["containers"] = cs
    if rng.random() < 0.2:
        spec["initContainers"] = [container(rng, "wait-for-db", "busybox:1.36", False, full=False)]
    spec["volumes"] = [{"name": "config", "configMap": {"name": svc + "-config"}}]
    if rng.random() < 0.3:
        spec["volumes"].append({"name": "data", "persistentVolumeClaim": {"claimName": svc + "-data"}})
    return spec


def pod_for(rng, svc, windows_share=0.45):
    """(pod spec, windows?, scenario)."""
    if rng.random() < windows_share:
        sc = pick_w(rng, WIN_SCENARIOS)
        return windows_pod(rng, svc, sc), True, sc
    return linux_pod(rng, svc), False, "linux"


def workload(rng, svc, ns, kind, managed="kustomize", order=None, stats=None):
    spec, win, sc = pod_for(rng, svc)
    if kind == "DaemonSet" and not win and rng.random() < 0.5:
        spec, win, sc = windows_pod(rng, svc, "hostprocess"), True, "hostprocess"
    if stats is not None:
        stats["pods"] = stats.get("pods", 0) + 1
        stats["pods_windows"] = stats.get("pods_windows", 0) + win
    labels = std_labels(rng, svc, ns, managed)
    sel = {"app.kubernetes.io/name": svc}
    ann = {}
    if rng.random() < 0.3:
        ann["wincompat.dev/ignore"] = "WC204" if win and rng.random() < 0.5 else "WC208"
    tmeta = {"labels": dict(sel, **{"app.kubernetes.io/instance": labels["app.kubernetes.io/instance"]})}
    if rng.random() < 0.4:
        tmeta["annotations"] = {"checksum/config": "%064x" % rng.getrandbits(256),
                                "prometheus.io/scrape": "true", "prometheus.io/port": "9102"}
    template = {"metadata": tmeta, "spec": spec}
    if kind in ("Job", "CronJob"):
        spec["restartPolicy"] = rng.choice(["Never", "OnFailure"])
    m = meta(rng, svc if kind != "CronJob" else svc + "-nightly", ns, labels, ann or None)
    if kind == "Deployment":
        replicas = rng.choice([1, 2, 3, 3, 5])
        body = {"spec": {"replicas": Tail(replicas, "the HPA overrides this") if rng.random() < 0.1 else replicas,
                         "revisionHistoryLimit": 5,
                         "selector": {"matchLabels": sel},
                         "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
                         "template": template}}
        api = "apps/v1"
    elif kind == "StatefulSet":
        body = {"spec": {"serviceName": svc, "replicas": rng.choice([1, 3]), "podManagementPolicy": "Parallel",
                         "selector": {"matchLabels": sel}, "template": template,
                         "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {
                             "accessModes": ["ReadWriteOnce"],
                             "storageClassName": rng.choice(["managed-csi", "managed-csi-premium", "gp3"]),
                             "resources": {"requests": {"storage": rng.choice(["10Gi", "50Gi", "100Gi"])}}}}]}}
        api = "apps/v1"
    elif kind == "DaemonSet":
        body = {"spec": {"selector": {"matchLabels": sel},
                         "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}},
                         "template": template}}
        api = "apps/v1"
    elif kind == "Job":
        body = {"spec": {"backoffLimit": 3, "ttlSecondsAfterFinished": 3600, "template": template}}
        api = "batch/v1"
    elif kind == "CronJob":
        body = {"spec": {"schedule": rng.choice(["*/15 * * * *", "0 2 * * *", "30 4 * * 1-5", "@hourly"]),
                         "concurrencyPolicy": "Forbid", "successfulJobsHistoryLimit": 3,
                         "jobTemplate": {"spec": {"backoffLimit": 2, "template": template}}}}
        api = "batch/v1"
    elif kind == "Rollout":
        body = {"spec": {"replicas": 3, "selector": {"matchLabels": sel}, "template": template,
                         "strategy": {"canary": {"steps": [{"setWeight": 20}, {"pause": {"duration": "10m"}},
                                                           {"setWeight": 50}, {"pause": {}}]}}}}
        api = "argoproj.io/v1alpha1"
    else:  # Pod
        body = {"spec": spec}
        m["labels"] = dict(sel)
        api = "v1"
    return obj(api, kind, m, body, order), win


def service(rng, svc, ns, managed="kustomize"):
    port = rng.choice([80, 443, 8080])
    spec = {"type": rng.choice(["ClusterIP", "ClusterIP", "ClusterIP", "LoadBalancer", "NodePort"]),
            "selector": {"app.kubernetes.io/name": svc},
            "ports": [{"name": "http", "port": port, "targetPort": rng.choice(["http", 8080, 80]), "protocol": "TCP"}]}
    if rng.random() < 0.3:
        spec["ports"].append({"name": "metrics", "port": 9102, "targetPort": 9102})
    ann = None
    if spec["type"] == "LoadBalancer" and rng.random() < 0.6:
        ann = {"service.beta.kubernetes.io/azure-load-balancer-internal": "true"}
    return obj("v1", "Service", meta(rng, svc, ns, std_labels(rng, svc, ns, managed), ann), {"spec": spec})


def service_account(rng, svc, ns):
    m = meta(rng, svc, ns, {"app.kubernetes.io/name": svc})
    if rng.random() < 0.4:
        m["annotations"] = {"azure.workload.identity/client-id": "%08x-%04x-%04x-%04x-%012x" % (
            rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(48))}
    return obj("v1", "ServiceAccount", m, {})


def ingress(rng, svc, ns):
    host = "%s.%s.contoso.com" % (svc, rng.choice(ENVS))
    ann = {"cert-manager.io/cluster-issuer": "letsencrypt-prod"}
    if rng.random() < 0.6:
        ann.update({"nginx.ingress.kubernetes.io/proxy-body-size": "50m",
                    "nginx.ingress.kubernetes.io/ssl-redirect": "true",
                    "nginx.ingress.kubernetes.io/configuration-snippet": Block(
                        "more_set_headers \"X-Frame-Options: DENY\";\nmore_set_headers \"X-Content-Type-Options: nosniff\";\n")})
    paths = [{"path": p, "pathType": "Prefix", "backend": {"service": {"name": svc, "port": {"number": 80}}}}
             for p in rng.sample(["/", "/api", "/health", "/static", "/admin", "/v1", "/v2"], rng.randint(1, 4))]
    return obj("networking.k8s.io/v1", "Ingress", meta(rng, svc, ns, {"app.kubernetes.io/name": svc}, ann),
               {"spec": {"ingressClassName": rng.choice(["nginx", "azure-application-gateway", "traefik"]),
                         "tls": [{"hosts": [host], "secretName": svc + "-tls"}],
                         "rules": [{"host": host, "http": {"paths": paths}}]}})


def small_configmap(rng, svc, ns):
    data = {}
    for _ in range(rng.randint(2, 12)):
        k = rng.choice(["LOG_LEVEL", "FEATURE_X", "TIMEOUT_SECONDS", "ENDPOINT", "REGION",
                        "RETRIES", "MODE", "CULTURE", "BATCH_SIZE", "QUEUE", "DB_POOL"]) + "_%d" % rng.randint(0, 99)
        data[k] = rng.choice(["info", "true", "30", "https://api.contoso.com", "westeurope",
                              "3", "production", "nl-NL", "500", "orders-in", "20", "on", ""])
    if rng.random() < 0.5:
        data["appsettings.json"] = Block(json.dumps({
            "Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
            "ConnectionStrings": {"Default": "Server=sql.internal;Database=%s;Integrated Security=true" % svc},
            "AllowedHosts": "*"}, indent=2) + "\n")
    return obj("v1", "ConfigMap", meta(rng, svc + "-config", ns, {"app.kubernetes.io/name": svc}), {"data": data})


def secret(rng, svc, ns):
    if rng.random() < 0.3:
        crt = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(rng.randint(900, 2400)))).decode()
        return obj("v1", "Secret", meta(rng, svc + "-tls", ns), {
            "type": "kubernetes.io/tls",
            "data": {"tls.crt": crt, "tls.key": crt[: len(crt) // 2]}})
    data = {k: base64.b64encode(("%x" % rng.getrandbits(rng.choice([64, 128, 256]))).encode()).decode()
            for k in rng.sample(["username", "password", "connectionString", "apiKey", "token", "clientSecret"], 3)}
    return obj("v1", "Secret", meta(rng, svc + "-secrets", ns), {"type": "Opaque", "data": data})


VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"]
API_GROUPS = [("", ["pods", "services", "configmaps", "secrets", "endpoints", "events", "nodes"]),
              ("apps", ["deployments", "statefulsets", "daemonsets", "replicasets"]),
              ("batch", ["jobs", "cronjobs"]), ("networking.k8s.io", ["ingresses", "networkpolicies"]),
              ("rbac.authorization.k8s.io", ["roles", "rolebindings"]),
              ("monitoring.coreos.com", ["servicemonitors", "prometheusrules"]),
              ("coordination.k8s.io", ["leases"])]


def rbac_rules(rng, n):
    out = []
    for _ in range(n):
        g, res = rng.choice(API_GROUPS)
        out.append({"apiGroups": [g], "resources": rng.sample(res, rng.randint(1, len(res))),
                    "verbs": rng.sample(VERBS, rng.randint(1, len(VERBS)))})
    return out


def rbac(rng, svc, ns, cluster=False):
    docs = []
    if not cluster:
        docs.append(service_account(rng, svc, ns))
    kind = "ClusterRole" if cluster else "Role"
    docs.append(obj("rbac.authorization.k8s.io/v1", kind,
                    meta(rng, svc + ("-reader" if cluster else ""), None if cluster else ns),
                    {"rules": rbac_rules(rng, rng.randint(1, 14 if cluster else 5))}))
    docs.append(obj("rbac.authorization.k8s.io/v1", kind + "Binding",
                    meta(rng, svc, None if cluster else ns),
                    {"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": kind, "name": docs[-1]["metadata"]["name"]},
                     "subjects": [{"kind": "ServiceAccount", "name": svc, "namespace": ns}]}))
    return docs


def hpa(rng, svc, ns):
    return obj("autoscaling/v2", "HorizontalPodAutoscaler", meta(rng, svc, ns), {"spec": {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": svc},
        "minReplicas": 2, "maxReplicas": rng.choice([5, 10, 20]),
        "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}]}})


def pdb(rng, svc, ns):
    return obj("policy/v1", "PodDisruptionBudget", meta(rng, svc, ns), {"spec": {
        "minAvailable": rng.choice([1, "50%"]), "selector": {"matchLabels": {"app.kubernetes.io/name": svc}}}})


def netpol(rng, svc, ns):
    return obj("networking.k8s.io/v1", "NetworkPolicy", meta(rng, svc + "-ingress", ns), {"spec": {
        "podSelector": {"matchLabels": {"app.kubernetes.io/name": svc}},
        "policyTypes": ["Ingress", "Egress"],
        "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}],
                     "ports": [{"port": 8080, "protocol": "TCP"}]}],
        "egress": [{"to": [{"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.0.5.0/24"]}}]}]}})


def namespace_docs(rng, ns):
    docs = [obj("v1", "Namespace", meta(rng, ns, labels={"kubernetes.io/metadata.name": ns,
                                                        "pod-security.kubernetes.io/enforce": "baseline"}), {})]
    if rng.random() < 0.7:
        docs.append(obj("v1", "ResourceQuota", meta(rng, ns + "-quota", ns), {"spec": {"hard": {
            "requests.cpu": "40", "requests.memory": "80Gi", "limits.cpu": "80", "limits.memory": "160Gi", "pods": "200"}}}))
    if rng.random() < 0.5:
        docs.append(obj("v1", "LimitRange", meta(rng, ns + "-limits", ns), {"spec": {"limits": [{
            "type": "Container", "default": {"cpu": "500m", "memory": "512Mi"},
            "defaultRequest": {"cpu": "100m", "memory": "128Mi"}}]}}))
    return docs


def custom_resource(rng, svc, ns):
    r = rng.random()
    if r < 0.35:
        return obj("cert-manager.io/v1", "Certificate", meta(rng, svc + "-cert", ns), {"spec": {
            "secretName": svc + "-tls", "issuerRef": {"name": "letsencrypt-prod", "kind": "ClusterIssuer"},
            "dnsNames": ["%s.contoso.com" % svc, "%s.internal.contoso.com" % svc], "duration": "2160h"}})
    if r < 0.7:
        return obj("monitoring.coreos.com/v1", "ServiceMonitor", meta(rng, svc, ns, {"release": "prometheus"}), {"spec": {
            "selector": {"matchLabels": {"app.kubernetes.io/name": svc}},
            "endpoints": [{"port": "metrics", "interval": "30s", "path": "/metrics",
                           "metricRelabelings": [{"sourceLabels": ["__name__"], "regex": "go_.*", "action": "drop"}]}]}})
    return obj("external-secrets.io/v1beta1", "ExternalSecret", meta(rng, svc, ns), {"spec": {
        "refreshInterval": "1h", "secretStoreRef": {"name": "azure-kv", "kind": "ClusterSecretStore"},
        "target": {"name": svc + "-secrets"},
        "data": [{"secretKey": k, "remoteRef": {"key": "%s-%s" % (svc, k)}} for k in ("db-password", "api-key")]}})


def runtime_class(rng, name, build, hyperv=False):
    sel = {"kubernetes.io/os": "windows", "kubernetes.io/arch": "amd64"}
    if build:
        sel["node.kubernetes.io/windows-build"] = BUILD[build]
    return obj("node.k8s.io/v1", "RuntimeClass", meta(rng, name), {
        "handler": "runhcs-wcow-hypervisor" if hyperv else "runhcs-wcow-process",
        "scheduling": {"nodeSelector": sel, "tolerations": [dict(WIN_TOL)]}})


# ==========================================================================
# Big blobs for ConfigMaps.


def blob_nginx(rng, size):
    out = ["worker_processes auto;", "events { worker_connections 4096; }", "http {",
           "    include       mime.types;", "    sendfile on;", "    keepalive_timeout 65;"]
    while sum(len(x) + 1 for x in out) < size:
        up = rng.choice(SERVICE_WORDS)
        out += ["    upstream %s_%d {" % (up, len(out)), "        server %s.svc.cluster.local:8080 max_fails=3;" % up, "    }",
                "    server {", "        listen 80;", "        server_name %s.contoso.com;" % up,
                "        location / {", "            proxy_pass http://%s_%d;" % (up, len(out) - 9),
                "            proxy_set_header Host $host;",
                "            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", "        }",
                "        # %s" % sentence(rng), "    }"]
    out.append("}")
    return "\n".join(out) + "\n"


def blob_dashboard(rng, size):
    panels = []
    n = 0
    while n < size:
        p = {"id": len(panels) + 1, "type": rng.choice(["timeseries", "stat", "table", "gauge"]),
             "title": sentence(rng, 2, 5).rstrip("."), "gridPos": {"h": 8, "w": 12, "x": 12 * (len(panels) % 2), "y": 8 * len(panels)},
             "datasource": {"type": "prometheus", "uid": "${datasource}"},
             "targets": [{"expr": 'sum(rate(http_requests_total{namespace="$namespace", service="%s"}[5m])) by (code)' % rng.choice(SERVICE_WORDS),
                          "legendFormat": "{{code}}", "refId": "A"}],
             "fieldConfig": {"defaults": {"unit": rng.choice(["reqps", "s", "percent", "bytes"]),
                                          "thresholds": {"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "red", "value": 80}]}},
                             "overrides": []},
             "options": {"legend": {"displayMode": "table", "placement": "bottom"}, "tooltip": {"mode": "multi"}},
             "description": sentence(rng)}
        panels.append(p)
        n += 900
    dash = {"title": "%s overview" % rng.choice(SERVICE_WORDS), "uid": "%012x" % rng.getrandbits(48),
            "schemaVersion": 38, "time": {"from": "now-6h", "to": "now"}, "panels": panels,
            "templating": {"list": [{"name": "namespace", "type": "query", "query": "label_values(kube_pod_info, namespace)"}]}}
    return json.dumps(dash, indent=rng.choice([2, 4])) + "\n"


def blob_webconfig(rng, size):
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>"]
    while sum(len(x) + 1 for x in out) < size:
        out.append('    <add key="%s.%s" value="%s" />' % (rng.choice(SERVICE_WORDS).capitalize(),
                                                         rng.choice(["Timeout", "Endpoint", "Enabled", "Retries", "Path"]),
                                                         rng.choice(["30", "https://api.contoso.com/v2", "true", "5", "C:\\inetpub\\data"])))
        if rng.random() < 0.05:
            out += ["  </appSettings>", "  <system.webServer>", "    <rewrite><rules>",
                    '      <rule name="https" stopProcessing="true"><match url="(.*)" />',
                    '        <action type="Redirect" url="https://{HTTP_HOST}/{R:1}" /></rule>',
                    "    </rules></rewrite>", "  </system.webServer>", "  <appSettings>"]
    out += ["  </appSettings>", "</configuration>"]
    return "\n".join(out) + "\n"


def blob_powershell(rng, size):
    out = ["#Requires -Version 5.1", "$ErrorActionPreference = 'Stop'", "param(", "  [string]$Environment = 'prod'", ")"]
    while sum(len(x) + 1 for x in out) < size:
        fn = rng.choice(["Install", "Register", "Test", "Set", "Get"]) + "-" + rng.choice(SERVICE_WORDS).capitalize()
        out += ["", "function %s {" % fn, "    [CmdletBinding()]", "    param([string]$Path = 'C:\\app')",
                "    # %s" % sentence(rng),
                "    if (-not (Test-Path $Path)) { New-Item -ItemType Directory -Path $Path | Out-Null }",
                "    Get-ChildItem -Path $Path -Filter *.log | Where-Object { $_.LastWriteTime -lt (Get-Date).AddDays(-7) } | Remove-Item",
                "    Write-Host \"%s done: $Path\"" % fn, "}"]
    return "\n".join(out) + "\n"


def blob_manifest(rng, size):
    """An embedded manifest (a kustomize patch, an Argo CD app ...): YAML
    text inside a block scalar, Windows pods included. Not an object."""
    st = Style(rng)
    docs = []
    while sum(len(d) for d in docs) < size:
        w, _ = workload(rng, rng.choice(SERVICE_WORDS), "embedded", rng.choice(["Deployment", "DaemonSet"]))
        docs.append(dump(w, st))
    return "---\n".join(docs)


def blob_prom_rules(rng, size):
    out = ["groups:"]
    while sum(len(x) + 1 for x in out) < size:
        svc = rng.choice(SERVICE_WORDS)
        out += ["  - name: %s.rules" % svc, "    rules:",
                "      - alert: %sHighErrorRate" % svc.capitalize(),
                '        expr: sum(rate(http_requests_total{service="%s",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="%s"}[5m])) > 0.05' % (svc, svc),
                "        for: 10m", "        labels:", "          severity: %s" % rng.choice(["warning", "critical"]),
                "        annotations:", "          summary: %s" % sentence(rng),
                "          runbook_url: https://runbooks.contoso.com/%s" % svc]
    return "\n".join(out) + "\n"


BLOBS = [("nginx.conf", blob_nginx), ("dashboard.json", blob_dashboard), ("web.config", blob_webconfig),
         ("bootstrap.ps1", blob_powershell), ("manifests.yaml", blob_manifest), ("alerts.yaml", blob_prom_rules)]


def log_uniform(rng, lo, hi):
    return int(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def big_configmap(rng, name, ns, size):
    data = {}
    left = size
    while left > 0:
        key, fn = rng.choice(BLOBS)
        part = min(left, max(4000, log_uniform(rng, size // 4 + 1, size + 1)))
        data["%s-%d.%s" % (key.split(".")[0], len(data), key.split(".")[1])] = Block(fn(rng, part))
        left -= part
    return obj("v1", "ConfigMap", meta(rng, name, ns, {"grafana_dashboard": "1"} if rng.random() < 0.3 else None), {"data": data})


# ==========================================================================
# CRDs.

FIELDS = ("replicas selector template endpoints tlsConfig bearerTokenSecret relabelings metricRelabelings "
          "podMetadata affinity nodeAffinity podAntiAffinity tolerations resources limits requests storage "
          "volumeClaimTemplate retention externalLabels remoteWrite queueConfig basicAuth oauth2 authorization "
          "credentials proxyUrl followRedirects enableHttp2 scheme port path interval scrapeTimeout honorLabels "
          "sampleLimit targetLabels podTargetLabels jobLabel namespaceSelector matchLabels matchExpressions key "
          "operator values name namespace image imagePullPolicy command args env valueFrom secretKeyRef "
          "configMapKeyRef fieldRef volumeMounts mountPath readOnly subPath securityContext capabilities add drop "
          "runAsUser runAsGroup fsGroup seccompProfile windowsOptions hostProcess runAsUserName gmsaCredentialSpec "
          "livenessProbe readinessProbe startupProbe httpGet tcpSocket grpc exec initialDelaySeconds periodSeconds "
          "failureThreshold successThreshold containers initContainers volumes configMap secret emptyDir "
          "persistentVolumeClaim claimName accessModes storageClassName dataSource topologySpreadConstraints "
          "maxSkew topologyKey whenUnsatisfiable nodeSelector priorityClassName serviceAccountName "
          "conditions lastTransitionTime message reason status type observedGeneration").split()


def describe(rng):
    r = rng.random()
    if r < 0.45:
        return sentence(rng, 5, 30)
    if r < 0.75:
        return Block("\n".join(sentence(rng, 8, 14) for _ in range(rng.randint(2, 7))), folded=False)
    return Wrapped(text_para(rng, rng.randint(2, 5)))


def schema(rng, depth, budget, max_depth):
    """An object schema spending about `budget` bytes; returns (dict, spent)."""
    props = {}
    spent = 0
    n_target = rng.randint(3, 14)
    tries = 0
    while spent < budget and len(props) < max(n_target, budget // 6000) and tries < 2000:
        tries += 1
        name = rng.choice(FIELDS)
        if name in props:
            name = name + rng.choice(["Config", "Spec", "Ref", "Status", "Policy", "Template", "s"])
            if name in props:
                continue
        kind = rng.random()
        remaining = budget - spent
        if depth < max_depth and remaining > 1500 and kind < 0.45:
            sub_budget = int(remaining * rng.uniform(0.15, 0.6))
            child, used = schema(rng, depth + 1, sub_budget, max_depth)
            node = {"description": describe(rng), "type": "object", "properties": child}
            if rng.random() < 0.3:
                node["required"] = sorted(rng.sample(list(child), min(len(child), rng.randint(1, 3))))
            if rng.random() < 0.1:
                node["x-kubernetes-preserve-unknown-fields"] = True
            cost = used + 120 + depth * 8
        elif depth < max_depth and remaining > 1500 and kind < 0.6:
            sub_budget = int(remaining * rng.uniform(0.1, 0.4))
            child, used = schema(rng, depth + 2, sub_budget, max_depth)
            node = {"description": describe(rng), "type": "array",
                    "items": {"type": "object", "properties": child}}
            if rng.random() < 0.3:
                node["x-kubernetes-list-type"] = "atomic"
            cost = used + 150 + depth * 10
        else:
            t = rng.choice(["string", "string", "string", "integer", "boolean", "array-of-string", "int-or-string", "map"])
            node = {"description": describe(rng)}
            if t == "array-of-string":
                node.update({"type": "array", "items": {"type": "string"}})
            elif t == "int-or-string":
                node.update({"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True})
                if rng.random() < 0.5:
                    node["pattern"] = "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$"
            elif t == "map":
                node.update({"type": "object", "additionalProperties": {"type": "string"}})
            else:
                node["type"] = t
                if t == "integer" and rng.random() < 0.5:
                    node["format"] = "int32"
                    node["minimum"] = 0
                if t == "string" and rng.random() < 0.15:
                    node["enum"] = rng.sample(["Always", "Never", "IfNotPresent", "OnFailure", "Exists", "Equal",
                                               "In", "NotIn", "DoesNotExist", "TCP", "UDP", "SCTP"], rng.randint(2, 4))
                if t == "string" and rng.random() < 0.1:
                    node["default"] = rng.choice(["", "30s", "HTTP", "/metrics", "Equal"])
            d = node["description"]
            cost = 60 + depth * 6 + (len(d) if isinstance(d, str) else len(d.text) + 10 * d.text.count("\n")
                                     if isinstance(d, Block) else len(d.text) * 1.1)
        props[name] = node
        spent += int(cost)
    return props, spent


def crd(rng, st, size, group, plural, bad=False):
    kind = plural[:-1].capitalize() if plural.endswith("s") else plural.capitalize()
    versions = rng.choice([1, 1, 2, 2, 3])
    max_depth = rng.randint(6, 12)
    # schema()'s byte estimate leaves out most indentation: about 1.8x short
    # with 2-space indentation, 3.3x with 4.
    props, _ = schema(rng, 0, max(1000, int(size / versions / (1.8 if st.ind == 2 else 3.3))), max_depth)
    spec_props = {"apiVersion": {"description": sentence(rng), "type": "string"},
                  "kind": {"description": sentence(rng), "type": "string"},
                  "metadata": {"type": "object"},
                  "spec": {"description": sentence(rng), "type": "object", "properties": props},
                  "status": {"description": sentence(rng), "type": "object", "properties": {
                      "conditions": {"type": "array", "items": {"type": "object", "properties": {
                          "type": {"type": "string"}, "status": {"type": "string"},
                          "lastTransitionTime": {"type": "string", "format": "date-time"}}}},
                      "observedGeneration": {"type": "integer", "format": "int64"}}}}
    vers = []
    names = ["v1alpha1", "v1beta1", "v1"][3 - versions:]
    for v in names:
        vers.append({"name": v, "served": True, "storage": v == names[-1],
                     "schema": {"openAPIV3Schema": {"description": text_para(rng, 2), "type": "object", "properties": spec_props}},
                     "subresources": {"status": {}},
                     "additionalPrinterColumns": [{"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"},
                                                  {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]})
    d = obj("apiextensions.k8s.io/v1", "CustomResourceDefinition",
            meta(rng, "%s.%s" % (plural, group), annotations={"controller-gen.kubebuilder.io/version": "v0.14.0"}),
            {"spec": {"group": group, "names": {"kind": kind, "listKind": kind + "List", "plural": plural,
                                                "singular": plural.rstrip("s"), "shortNames": [plural[:3]]},
                      "scope": rng.choice(["Namespaced", "Cluster"]), "versions": vers}})
    text = dump(d, st)
    return break_yaml(rng, text) if bad else text


def break_yaml(rng, text):
    """A syntax error deep inside a document, as people leave them: a tab
    used for indentation, or `key: a: b` (an unquoted ": " in a plain
    scalar). A parser that skips such documents does not see it."""
    lines = text.split("\n")
    start = int(len(lines) * rng.uniform(0.5, 0.9))
    any_line, plain_value = [], []  # lines that can take a tab / a ": "
    block = -1  # indentation of the key that opened a block scalar, or -1
    for k, ln in enumerate(lines):
        indent = len(ln) - len(ln.lstrip(" "))
        if block >= 0 and (not ln.strip() or indent > block):
            continue  # inside a block scalar: any text is fine there
        block = -1
        key, sep, value = ln.partition(": ")
        if value[:1] in ("|", ">"):
            block = indent
        if k == 0 or not ln.strip() or ln.startswith(("---", "#", "%")):
            continue
        any_line.append(k)
        if sep and value and value[0] not in "|>'\"[{&*" and not key.strip().startswith("-"):
            plain_value.append(k)
    tab = rng.random() < 0.5 or not plain_value
    candidates = any_line if tab else plain_value
    later = [k for k in candidates if k >= start]
    k = later[0] if later else candidates[-1]
    ln = lines[k]
    if tab:
        lines[k] = "\t" + ln.lstrip(" ")
    else:
        key, _, value = ln.partition(": ")
        words = value.split(" ")
        cut = max(1, len(words) // 2)
        lines[k] = key + ": " + " ".join(words[:cut]) + ": " + " ".join(words[cut:] or ["default"])
    return "\n".join(lines)


OPERATORS = ["prometheus-operator", "cert-manager", "argo-rollouts", "external-secrets", "keda",
             "velero", "gatekeeper", "istio", "windows-gmsa", "flux"]
COMPONENTS = ["monitoring", "ingress", "logging", "platform", "security", "windows", "gitops", "storage"]
CRD_GROUPS = ["monitoring.contoso.io", "platform.contoso.io", "networking.contoso.io", "data.contoso.io",
              "security.contoso.io", "windows.contoso.io", "batch.contoso.io", "ops.contoso.io"]
CRD_PLURALS = ["widgets", "gateways", "pipelines", "databases", "backups", "policies", "certificates",
               "clusters", "nodepools", "routes", "tenants", "workflows", "schedules", "exporters",
               "alertmanagers", "prometheuses"]


# ==========================================================================
# Helm: values, Chart.yaml, unrendered templates, rendered output.


def values_file(rng, st, chart, size):
    win = rng.random() < 0.4
    build = pick_w(rng, [("2022", 6), ("2019", 3), ("2025", 1)])
    image = rng.choice(WIN[build]) if win else image_of(rng, rng.choice(LINUX))
    repo, _, tag = image.rpartition(":") if ":" in image.split("/")[-1] else (image, "", "latest")
    v = {Comment("Default values for %s." % chart): None,
         Comment("This is a YAML-formatted file."): None,
         "global": Anchor("global", {"imageRegistry": "myacr.azurecr.io", "imagePullSecrets": [{"name": "acr-pull"}],
                                     "environment": rng.choice(ENVS)}),
         "defaults": Anchor("defaults", {"resources": resources(rng, win),
                                         "podAnnotations": {"prometheus.io/scrape": "true"},
                                         "nodeSelector": {"kubernetes.io/os": "windows" if win else "linux"}}),
         "replicaCount": rng.choice([1, 2, 3]),
         "image": {"repository": repo, "tag": tag, "pullPolicy": "IfNotPresent"},
         "nameOverride": "", "fullnameOverride": "",
         "serviceAccount": {"create": True, "annotations": {}, "name": ""},
         "service": {"type": "ClusterIP", "port": 80},
         "ingress": {"enabled": rng.random() < 0.5, "className": "nginx",
                     "hosts": [{"host": "%s.contoso.com" % chart, "paths": [{"path": "/", "pathType": "Prefix"}]}],
                     "tls": []},
         "nodeSelector": {"kubernetes.io/os": "windows", "kubernetes.azure.com/os-sku": SKU[build]} if win else {},
         "tolerations": [dict(WIN_TOL)] if win else [],
         "affinity": {}}
    comps = {}
    i = 0
    text = dump(v, st)
    budget = size - len(text)
    while budget > 0:
        name = rng.choice(ROLES) + ("" if i == 0 else str(i))
        c = {"<<": Alias("defaults"), "enabled": rng.random() < 0.8, "replicas": rng.randint(1, 6),
             "env": {k: rng.choice(["info", "true", "30", "https://api.contoso.com", "westeurope"])
                     for k in rng.sample(["LOG_LEVEL", "FEATURE_X", "TIMEOUT", "ENDPOINT", "REGION", "MODE"], 3)}}
        if rng.random() < 0.5:
            c = {Comment("@param %s.%s %s" % ("components", name, sentence(rng, 4, 12))): None, **c}
        if rng.random() < 0.4:
            c["extraConfig"] = Block("\n".join("%s=%s" % (rng.choice(FIELDS), rng.choice(WORDS)) for _ in range(rng.randint(3, 40))) + "\n")
        if rng.random() < 0.3:
            c["global"] = Alias("global")
        comps[name] = c
        i += 1
        budget -= 340 + len(c["extraConfig"].text if "extraConfig" in c else "")
        if rng.random() < 0.3:
            comps[Comment(sentence(rng))] = None
    v["components"] = comps
    return dump(v, st)


def chart_yaml(rng, st, chart):
    d = {"apiVersion": "v2", "name": chart, "description": "A Helm chart for the %s service" % chart,
         "type": "application", "version": "%d.%d.%d" % (rng.randint(0, 3), rng.randint(0, 20), rng.randint(0, 9)),
         "appVersion": "%d.%d.%d" % (rng.randint(1, 5), rng.randint(0, 30), rng.randint(0, 9))}
    if rng.random() < 0.5:
        d["dependencies"] = [{"name": "redis", "version": "18.x.x", "repository": "https://charts.bitnami.com/bitnami",
                              "condition": "redis.enabled"}]
    if rng.random() < 0.4:
        d["maintainers"] = [{"name": rng.choice(TEAMS), "email": "%s@contoso.com" % rng.choice(TEAMS)}]
    return dump(d, st)


TEMPLATE_DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "CHART.fullname" . }}
  labels:
    {{- include "CHART.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "CHART.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      {{- with .Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      labels:
        {{- include "CHART.selectorLabels" . | nindent 8 }}
    spec:
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      serviceAccountName: {{ include "CHART.serviceAccountName" . }}
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .Values.service.port }}
              protocol: TCP
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
"""

TEMPLATE_SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: "{{ .Release.Name }}-CHART"
  labels:
    app.kubernetes.io/name: "CHART"
    app.kubernetes.io/instance: "{{ .Release.Name }}"
spec:
  type: "{{ .Values.service.type }}"
  ports:
    - port: 80
      targetPort: http
      protocol: TCP
      name: http
  selector:
    app.kubernetes.io/name: "CHART"
"""

TEMPLATE_WINDOWS = """apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: "{{ .Release.Name }}-CHART-agent"
spec:
  selector:
    matchLabels:
      app: "CHART-agent"
  template:
    metadata:
      labels:
        app: "CHART-agent"
    spec:
      nodeSelector:
        kubernetes.io/os: windows
      containers:
        - name: agent
          image: "IMAGE"
          args: ["--node", "$(NODE_NAME)"]
          env:
            - name: NODE_NAME
              valueFrom:
                fieldRef:
                  fieldPath: spec.nodeName
"""

TEMPLATE_CONFIGMAP = """{{- if .Values.config.enabled }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "CHART.fullname" . }}-config
data:
{{- range $key, $value := .Values.config.data }}
  {{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}
"""


def template_file(rng, chart, name):
    """(text, valid YAML?) for templates/NAME.yaml: the Deployment and
    ConfigMap templates, with `{{- ... }}` lines, are not YAML; the others
    only have templates inside quoted scalars."""
    if name.startswith("deployment"):
        t, ok = TEMPLATE_DEPLOYMENT, False
    elif name.startswith("service"):
        t, ok = TEMPLATE_SERVICE, True
    elif name.startswith("configmap"):
        t, ok = TEMPLATE_CONFIGMAP, False
    else:
        t, ok = TEMPLATE_WINDOWS.replace("IMAGE", rng.choice(WIN[rng.choice(["2019", "2022"])])), True
    return t.replace("CHART", chart), ok


def rendered(rng, st, chart, ns, size):
    """`helm template` output: `---` + `# Source:` before each document."""
    parts = []
    total = 0
    k = 0
    while total < size or k < 3:
        r = k if k < 4 else rng.randint(3, 9)
        name = "%s-%s" % (chart, rng.choice(ROLES)) if k >= 4 else chart
        if r == 0:
            doc, src = service_account(rng, name, ns), "serviceaccount.yaml"
        elif r == 1:
            doc, src = small_configmap(rng, name, ns), "configmap.yaml"
        elif r == 2:
            doc, src = service(rng, name, ns, "Helm"), "service.yaml"
        elif r in (3, 4, 5):
            kind = pick_w(rng, [("Deployment", 6), ("StatefulSet", 2), ("DaemonSet", 1), ("CronJob", 1)])
            doc, _ = workload(rng, name, ns, kind, "Helm")
            src = kind.lower() + ".yaml"
        elif r == 6:
            doc, src = hpa(rng, name, ns), "hpa.yaml"
        elif r == 7:
            doc, src = ingress(rng, name, ns), "ingress.yaml"
        else:
            doc, src = pdb(rng, name, ns), "pdb.yaml"
        text = dump(doc, st)
        head = "---\n# Source: %s/templates/%s\n" % (chart, src)
        if rng.random() < 0.05:
            head = "---\n# Source: %s/templates/NOTES-disabled.yaml\n" % chart + head  # an empty document
        parts.append(head + text)
        total += len(parts[-1])
        k += 1
        if k > 60:
            break
    return "".join(parts)


def kube_list(rng, st, ns, size):
    """`kubectl get deploy,svc -o yaml`: kind: List with status and managedFields."""
    items = []
    total = 0
    while total < size:
        svc = rng.choice(SERVICE_WORDS) + "-%d" % rng.randint(0, 99)
        if rng.random() < 0.6:
            d, _ = workload(rng, svc, ns, "Deployment")
            d["metadata"]["uid"] = "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48))
            d["metadata"]["resourceVersion"] = str(rng.randint(10 ** 6, 10 ** 8))
            d["metadata"]["generation"] = rng.randint(1, 40)
            d["metadata"]["creationTimestamp"] = "2024-%02d-%02dT%02d:%02d:%02dZ" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
            d["metadata"]["managedFields"] = [{
                "apiVersion": "apps/v1", "fieldsType": "FieldsV1", "manager": "kubectl-client-side-apply",
                "operation": "Update", "time": d["metadata"]["creationTimestamp"],
                "fieldsV1": {"f:metadata": {"f:annotations": {".": {}, "f:kubectl.kubernetes.io/last-applied-configuration": {}},
                                            "f:labels": {".": {}, "f:app.kubernetes.io/name": {}}},
                             "f:spec": {"f:template": {"f:spec": {"f:containers": {
                                 'k:{"name":"%s"}' % c["name"]: {".": {}, "f:image": {}, "f:name": {}, "f:resources": {}}
                                 for c in d["spec"]["template"]["spec"]["containers"]}}}}}}]
            replicas = plain_data(d["spec"]["replicas"])
            d["metadata"].setdefault("annotations", {})["kubectl.kubernetes.io/last-applied-configuration"] = json.dumps(
                {"apiVersion": d["apiVersion"], "kind": d["kind"], "metadata": {"name": svc, "namespace": ns},
                 "spec": {"replicas": replicas}}, separators=(",", ":")) + "\n"
            d["status"] = {"availableReplicas": replicas, "observedGeneration": d["metadata"]["generation"],
                           "readyReplicas": replicas, "replicas": replicas,
                           "conditions": [{"type": t, "status": "True", "reason": "MinimumReplicasAvailable",
                                           "lastTransitionTime": d["metadata"]["creationTimestamp"],
                                           "message": "Deployment has minimum availability."} for t in ("Available", "Progressing")]}
        else:
            d = service(rng, svc, ns)
            d["spec"]["clusterIP"] = "10.0.%d.%d" % (rng.randint(0, 255), rng.randint(1, 254))
            d["status"] = {"loadBalancer": {}}
        items.append(d)
        total += 2500
    return dump({"apiVersion": "v1", "kind": "List", "items": items, "metadata": {"resourceVersion": ""}}, st)


def ci_file(rng, st, name):
    if name.endswith("azure-pipelines.yml"):
        d = {"trigger": {"branches": {"include": ["main", "release/*"]}},
             "pool": {"vmImage": rng.choice(["windows-2022", "windows-2019", "ubuntu-22.04"])},
             "variables": {"buildConfiguration": "Release", "imageTag": "$(Build.BuildId)"},
             "stages": [{"stage": s, "jobs": [{"job": s.lower(), "steps": [
                 {"task": "Docker@2", "inputs": {"command": "buildAndPush", "repository": "win/%s" % rng.choice(SERVICE_WORDS),
                                                 "dockerfile": "**/Dockerfile.windows", "tags": "$(imageTag)"}},
                 {"script": "dotnet test --configuration $(buildConfiguration)", "displayName": "Test"}]}]}
                        for s in ("Build", "Deploy")]}
    else:
        d = {"name": "ci", "on": {"push": {"branches": ["main"]}, "pull_request": None},
             "jobs": {"build-windows": {"runs-on": rng.choice(["windows-2022", "windows-2019"]),
                                        "strategy": {"matrix": {"os": ["ltsc2019", "ltsc2022"]}},
                                        "steps": [{"uses": "actions/checkout@v4"},
                                                  {"name": "Build", "shell": "pwsh", "run": Block(
                                                      "docker build -f Dockerfile.windows --build-arg TAG=${{ matrix.os }} -t app:${{ github.sha }} .\n"
                                                      "docker run --rm app:${{ github.sha }} --version\n")},
                                                  {"name": "Lint", "run": "wincompat lint --format github ."}]},
                      "build-linux": {"runs-on": "ubuntu-latest", "steps": [{"uses": "actions/checkout@v4"},
                                                                           {"run": "make test"}]}}}
    return dump(d, st)


# ==========================================================================
# Folder trees (groups of 16 files) and the files in them.

# area weights per group
AREAS = [("app", 60), ("chart", 20), ("cluster", 14), ("crds", 1.6), ("ci", 4)]

APP_SLOTS = [("workload", 17), ("service", 12), ("ingress", 6), ("configmap", 10), ("secret", 4),
             ("rbac", 9), ("hpa", 4), ("pdb", 3), ("netpol", 3), ("kustomization", 6), ("cr", 6),
             ("pod", 1), ("rollout", 1), ("flow", 1)]
CHART_SLOTS = [("values", 30), ("template", 25), ("chart_yaml", 10), ("subchart", 6), ("chart_crd", 1),
               ("rbac", 5), ("configmap", 6), ("workload", 6), ("service", 6)]
CLUSTER_SLOTS = [("rendered", 16), ("list", 3), ("clusterrole", 12), ("namespace", 12), ("runtimeclass", 4),
                 ("big_configmap", 6), ("crd", 2), ("workload", 12), ("values", 6), ("cr", 6), ("kustomization", 6)]
CRD_SLOTS = [("crd", 40), ("cr", 60)]
CI_SLOTS = [("ci", 60), ("values", 20), ("kustomization", 20)]
SLOTS = {"app": APP_SLOTS, "chart": CHART_SLOTS, "cluster": CLUSTER_SLOTS, "crds": CRD_SLOTS, "ci": CI_SLOTS}

# Files with no Kubernetes object (no apiVersion + kind): Helm values,
# Chart.yaml, CI pipelines. wincompat skips them silently.
NOT_MANIFESTS = {"values", "chart_yaml", "subchart", "ci"}

FILE_NAMES = {"workload": "deployment", "service": "service", "ingress": "ingress", "configmap": "configmap",
              "secret": "secret", "rbac": "rbac", "hpa": "hpa", "pdb": "pdb", "netpol": "networkpolicy",
              "cr": "monitoring", "pod": "debug-pod", "rollout": "rollout", "flow": "generated",
              "clusterrole": "clusterrole", "namespace": "namespace", "runtimeclass": "runtimeclass",
              "big_configmap": "dashboards", "list": "export", "rendered": "rendered"}


def plan_group(seed, g):
    """The 16 (category, relative path) of folder tree g."""
    rng = random.Random("wincompat-yaml-plan:%d:%d" % (seed, g))
    area = pick_w(rng, AREAS)
    slots = [pick_w(rng, SLOTS[area]) for _ in range(GROUP)]
    word = SERVICE_WORDS[g % len(SERVICE_WORDS)]
    team = TEAMS[(g // 3) % len(TEAMS)]
    used = set()
    plan = []
    for j, cat in enumerate(slots):
        if area == "app":
            base = "%s/%s/%s-%04d/k8s" % ("apps", team, word, g)
            sub = "base" if j < 6 else "overlays/" + ENVS[(j * 7 + g) % len(ENVS)]
            if cat == "kustomization":
                name = "kustomization.yaml"
            else:
                name = FILE_NAMES[cat] + ".yaml"
            d = base + "/" + sub
        elif area == "chart":
            chart = "%s-%04d" % (word, g)
            d = "charts/" + chart
            if cat == "values":
                d, name = d, rng.choice(["values.yaml", "values-%s.yaml" % rng.choice(ENVS), "values.windows.yaml"])
            elif cat == "chart_yaml":
                name = "Chart.yaml"
            elif cat == "subchart":
                d, name = d + "/charts/" + rng.choice(["redis", "common", "agent", "ingress"]), rng.choice(["Chart.yaml", "values.yaml"])
            elif cat == "chart_crd":
                d, name = d + "/crds", rng.choice(CRD_PLURALS) + ".yaml"
            else:
                d = d + "/templates"
                name = {"template": rng.choice(["deployment", "service", "daemonset", "configmap", "agent"]),
                        "rbac": "rbac", "configmap": "configmap-static", "workload": "deployment-static",
                        "service": "service-static"}[cat] + ".yaml"
        elif area == "cluster":
            cluster = "%s/%s-%04d" % (CLUSTERS[g % len(CLUSTERS)], rng.choice(COMPONENTS), g)
            ns = rng.choice(TEAMS)
            if cat in ("clusterrole", "namespace", "runtimeclass", "crd", "list"):
                d = "clusters/%s/%s" % (cluster, {"clusterrole": "rbac", "namespace": "namespaces",
                                                  "runtimeclass": "runtimeclasses", "crd": "crds", "list": "exports"}[cat])
                name = {"clusterrole": rng.choice(SERVICE_WORDS) + "-clusterrole.yaml",
                        "namespace": ns + ".yaml", "runtimeclass": "windows.yaml",
                        "crd": rng.choice(CRD_PLURALS) + "." + rng.choice(CRD_GROUPS) + ".yaml",
                        "list": ns + "-deployments.yaml"}[cat]
            elif cat == "rendered":
                d, name = "clusters/%s/rendered" % cluster, "%s-%04d.yaml" % (rng.choice(SERVICE_WORDS), g)
            elif cat == "values":
                d, name = "clusters/%s/helm-values" % cluster, "%s.yaml" % rng.choice(SERVICE_WORDS)
            else:
                d = "clusters/%s/apps/%s" % (cluster, ns)
                name = (FILE_NAMES.get(cat, cat)) + ".yaml"
        elif area == "crds":
            d = "crds/%s-%04d" % (OPERATORS[g % len(OPERATORS)], g)
            name = rng.choice(CRD_PLURALS) + (".yaml" if cat == "crd" else "-example.yaml")
        else:
            wg = "%s-%04d" % (word, g)
            if cat == "ci":
                d, name = rng.choice([(".github/workflows", "build-%s.yml" % wg), ("ci/%s" % wg, "azure-pipelines.yml"),
                                      (".github/workflows", "deploy-%s.yaml" % wg)])
            elif cat == "values":
                d, name = "ci/%s/helm" % wg, "values-ci.yaml"
            else:
                d, name = "deploy/%s/%s" % (rng.choice(ENVS), wg), "kustomization.yaml"
        path = d + "/" + name
        if path in used:  # same name twice in a folder: number it
            stem, dot, ext = name.rpartition(".")
            k = 2
            while "%s/%s-%d.%s" % (d, stem, k, ext) in used:
                k += 1
            path = "%s/%s-%d.%s" % (d, stem, k, ext)
        used.add(path)
        plan.append((area, cat, path))
    return plan


_plan_cache = {}


def group_plan(seed, g):
    key = (seed, g)
    p = _plan_cache.get(key)
    if p is None:
        if len(_plan_cache) > 64:
            _plan_cache.clear()
        p = _plan_cache[key] = plan_group(seed, g)
    return p


def size_small(rng, median, sigma=0.6, lo=300, hi=60000):
    return int(min(hi, max(lo, rng.lognormvariate(math.log(median), sigma))))


def gen_file(seed, i):
    """File i: (relative path, bytes, category, stats dict)."""
    area, cat, path = group_plan(seed, i // GROUP)[i % GROUP]
    rng = random.Random("wincompat-yaml-bench:%d:%d" % (seed, i))
    st = Style(rng)
    parts = path.split("/")
    svc = re.sub(r"[^a-z0-9-]", "-", parts[2].lower() if area == "app" else (parts[1] if area == "chart" else rng.choice(SERVICE_WORDS)))
    svc = svc.strip("-") or "app"
    ns = parts[1] if area == "app" else rng.choice(TEAMS)
    stats = {}
    docs = []     # objects to dump, joined with ---
    text = None   # or the whole text
    order = "kind_last" if rng.random() < 0.02 else None
    if cat == "workload":
        kind = pick_w(rng, [("Deployment", 50), ("StatefulSet", 14), ("DaemonSet", 10), ("Job", 10), ("CronJob", 16)])
        w, win = workload(rng, svc, ns, kind, "Helm" if area != "app" else "kustomize", order, stats)
        docs.append(w)
        if rng.random() < 0.4:
            docs.append(service(rng, svc, ns))
        if rng.random() < 0.2:
            docs.append(small_configmap(rng, svc, ns))
        if rng.random() < 0.15:
            docs.append(hpa(rng, svc, ns))
        if rng.random() < 0.2:
            docs.insert(0, service_account(rng, svc, ns))
        if rng.random() < 0.05:
            # kubectl apply's annotation: the whole object again, as JSON.
            w["metadata"].setdefault("annotations", {})["kubectl.kubernetes.io/last-applied-configuration"] = \
                json.dumps(plain_data(w), separators=(",", ":")) + "\n"
    elif cat in ("pod", "rollout"):
        w, _ = workload(rng, svc, ns, "Pod" if cat == "pod" else "Rollout", "kustomize", order, stats)
        docs.append(w)
    elif cat == "flow":
        w, _ = workload(rng, svc, ns, "Deployment", "kustomize", None, stats)
        text = json.dumps(plain_data(w), indent=2) + "\n"  # JSON is YAML (flow style)
    elif cat == "service":
        docs.append(service(rng, svc, ns))
        if rng.random() < 0.3:
            docs.append(service_account(rng, svc, ns))
    elif cat == "ingress":
        docs.append(ingress(rng, svc, ns))
    elif cat == "configmap":
        docs.append(small_configmap(rng, svc, ns))
        if rng.random() < 0.01:
            text = break_yaml(rng, dump(docs[0], st))
            stats["syntax_errors"] = 1
    elif cat == "secret":
        docs.append(secret(rng, svc, ns))
    elif cat == "rbac":
        docs.extend(rbac(rng, svc, ns))
    elif cat == "clusterrole":
        docs.extend(rbac(rng, svc, ns, cluster=True))
    elif cat == "hpa":
        docs.append(hpa(rng, svc, ns))
    elif cat == "pdb":
        docs.append(pdb(rng, svc, ns))
    elif cat == "netpol":
        docs.append(netpol(rng, svc, ns))
        if rng.random() < 0.5:
            docs.append(netpol(rng, svc + "-egress", ns))
    elif cat == "namespace":
        docs.extend(namespace_docs(rng, ns))
    elif cat == "cr":
        docs.append(custom_resource(rng, svc, ns))
        if rng.random() < 0.3:
            docs.append(custom_resource(rng, svc, ns))
    elif cat == "kustomization":
        k = {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
             "namespace": ns, "resources": ["../../base"] if "overlays" in path else
             ["deployment.yaml", "service.yaml", "configmap.yaml"],
             "images": [{"name": "app", "newName": rng.choice(WIN["2022"] + ["myacr.azurecr.io/app"]).split(":")[0],
                         "newTag": rng.choice(["ltsc2022", "1.%d.%d" % (rng.randint(0, 40), rng.randint(0, 9))])}]}
        if rng.random() < 0.5:
            k["patches"] = [{"target": {"kind": "Deployment", "name": svc}, "patch": Block(
                "- op: add\n  path: /spec/template/spec/nodeSelector\n  value:\n    kubernetes.io/os: windows\n")}]
        docs.append(k)
    elif cat == "runtimeclass":
        # The cluster's RuntimeClasses. One legacy cluster pins "windows-2022"
        # to another build (the same name defined twice across the repo).
        legacy = "legacy" in path
        docs.append(runtime_class(rng, "windows-2019", "2019"))
        docs.append(runtime_class(rng, "windows-2022", "2019" if legacy else "2022"))
        docs.append(runtime_class(rng, "windows-2025", "2025"))
        docs.append(runtime_class(rng, "windows-hyperv", None, hyperv=True))
    elif cat == "big_configmap":
        size = log_uniform(rng, 20000, 400000)
        docs.append(big_configmap(rng, svc + "-" + rng.choice(["dashboards", "nginx", "scripts", "manifests"]), ns, size))
        stats["big"] = 1
    elif cat in ("crd", "chart_crd"):
        big = rng.random() < (0.6 if area == "cluster" else 0.35)
        size = log_uniform(rng, 200000, 1000000) if big else log_uniform(rng, 8000, 150000)
        bad = rng.random() < 0.03
        text = crd(rng, st, size, rng.choice(CRD_GROUPS), rng.choice(CRD_PLURALS), bad=bad)
        stats["crd_bytes"] = len(text)
        stats["syntax_errors"] = int(bad)
    elif cat == "values":
        text = values_file(rng, st, svc, size_small(rng, 3500, 0.9, 600, 80000))
    elif cat == "chart_yaml":
        text = chart_yaml(rng, st, svc)
    elif cat == "subchart":
        text = chart_yaml(rng, st, parts[-2]) if path.endswith("Chart.yaml") else \
            values_file(rng, st, parts[-2], size_small(rng, 1500, 0.6, 600, 20000))
    elif cat == "template":
        text, ok = template_file(rng, svc, parts[-1])
        stats["syntax_errors"] = int(not ok)
    elif cat == "rendered":
        text = rendered(rng, st, svc, ns, size_small(rng, 12000, 0.7, 4000, 120000))
    elif cat == "list":
        text = kube_list(rng, st, ns, size_small(rng, 40000, 0.6, 8000, 200000))
    elif cat == "ci":
        text = ci_file(rng, st, path)
    else:
        raise AssertionError(cat)
    if text is None:
        chunks = [dump(d, st) for d in docs]
        sep = rng.choice(["---\n", "---\n", "---\n", "--- # next\n", "...\n---\n"])
        lead = ""
        r = rng.random()
        if r < 0.25:
            lead = "---\n"
        elif r < 0.27:
            lead = "%YAML 1.2\n---\n"
        elif r < 0.35:
            lead = "# %s\n" % sentence(rng, 4, 10)
        text = lead + sep.join(chunks)
        if rng.random() < 0.03:
            text += "...\n"
    if cat == "workload" and rng.random() < 0.01:
        text = "# wincompat global ignore=WC204\n" + text if not text.startswith("%") else text
    data = text.encode("utf-8")
    if rng.random() < 0.02 and cat not in ("template",):
        data = data.replace(b"\n", b"\r\n")
        stats["crlf"] = 1
    if rng.random() < 0.005 and not text.startswith("%"):
        data = b"\xef\xbb\xbf" + data
        stats["bom"] = 1
    stats["manifests"] = int(cat not in NOT_MANIFESTS)
    return path, data, cat, stats


# ==========================================================================


def _work(args):
    seed, lo, hi = args
    return [gen_file(seed, i) for i in range(lo, hi)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("count", type=int, help="YAML files at scale 1")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply COUNT (and --dockerfiles) by X")
    ap.add_argument("--dockerfiles", type=int, default=0, metavar="N",
                    help="also write N Dockerfiles (times X) into OUTDIR/dockerfiles/ with gen_dockerfiles.py")
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (default: cores); output does not depend on it")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.count < 0 or args.scale <= 0 or args.dockerfiles < 0:
        ap.error("COUNT and --dockerfiles must be >= 0, --scale > 0")
    total_files = int(round(args.count * args.scale))
    n_docker = int(round(args.dockerfiles * args.scale))

    os.makedirs(args.outdir, exist_ok=True)
    info = os.path.join(args.outdir, "CORPUS-INFO.txt")
    if os.path.exists(info):
        os.remove(info)
    jobs = args.jobs or os.cpu_count() or 1
    chunk = 256
    tasks = [(args.seed, lo, min(total_files, lo + chunk)) for lo in range(0, total_files, chunk)]
    if jobs > 1 and len(tasks) > 1:
        import multiprocessing
        pool = multiprocessing.Pool(jobs)
        results = pool.imap(_work, tasks)
    else:
        pool = None
        results = map(_work, tasks)

    total = 0
    sizes = []
    cats = {}
    cat_bytes = {}
    stats = {}
    made_dirs = set()
    seen = set()
    for batch in results:
        for rel, data, cat, st in batch:
            if rel in seen:
                raise AssertionError("two files named %s" % rel)
            seen.add(rel)
            full = os.path.join(args.outdir, rel)
            d = os.path.dirname(full)
            if d not in made_dirs:
                os.makedirs(d, exist_ok=True)
                made_dirs.add(d)
            with open(full, "wb") as f:
                f.write(data)
            total += len(data)
            sizes.append(len(data))
            cats[cat] = cats.get(cat, 0) + 1
            cat_bytes[cat] = cat_bytes.get(cat, 0) + len(data)
            for k, v in st.items():
                stats[k] = stats.get(k, 0) + v
    if pool is not None:
        pool.close()
        pool.join()

    docker_bytes = 0
    if n_docker:
        ddir = os.path.join(args.outdir, "dockerfiles")
        gen_dockerfiles.main([ddir, str(n_docker), "--seed", str(args.seed), "--quiet"])
        with open(os.path.join(ddir, "CORPUS-INFO.txt"), encoding="utf-8") as f:
            for line in f:
                k, _, v = line.partition(" ")
                if k == "bytes":
                    docker_bytes = int(v)

    sizes.sort()
    n = max(1, len(sizes))
    pct = lambda p: sizes[min(len(sizes) - 1, int(p * len(sizes)))] if sizes else 0  # noqa: E731
    with open(info, "w", encoding="utf-8", newline="\n") as f:
        f.write("files %d\nbytes %d\nseed %d\ncount %d\nscale %g\n" % (total_files, total, args.seed, args.count, args.scale))
        f.write("dockerfiles %d\ndockerfile_bytes %d\n" % (n_docker, docker_bytes))
        f.write("size_median %d\nsize_p95 %d\nsize_max %d\n" % (pct(0.5), pct(0.95), sizes[-1] if sizes else 0))
        for k in sorted(stats):
            f.write("%s %d\n" % (k, stats[k]))
        for k in sorted(cats):
            f.write("cat.%s %d\n" % (k, cats[k]))
        for k in sorted(cat_bytes):
            f.write("bytes.%s %d\n" % (k, cat_bytes[k]))
    if not args.quiet:
        print("gen_yaml_corpus: %d YAML files, %d bytes (%.1f MB, avg %.1f KB, median %.1f KB, p95 %.0f KB, max %.0f KB) in %s%s"
              % (total_files, total, total / 1e6, total / n / 1e3, pct(0.5) / 1e3, pct(0.95) / 1e3,
                 (sizes[-1] if sizes else 0) / 1e3, args.outdir,
                 "; %d Dockerfiles (%.1f MB) in dockerfiles/" % (n_docker, docker_bytes / 1e6) if n_docker else ""))
        print("gen_yaml_corpus: " + ", ".join("%s %d" % (k, cats[k]) for k in sorted(cats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
