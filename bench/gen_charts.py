#!/usr/bin/env python3
"""Generates Helm charts for bench/run_helm.sh.

    gen_charts.py big DIR        one chart with 50 templates (DIR/big-chart)
    gen_charts.py monorepo DIR N N charts of 8 templates each, a third with a
                                 subchart, values in every style charts use

The charts use what real charts use: helpers with include/nindent, toYaml
of values blocks, range-generated objects, conditions, Windows node
selectors and images from values.
"""
import os
import sys

HELPERS = """{{/* Common helpers. */}}
{{- define "app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "app.fullname" -}}
{{- printf "%s-%s" .Release.Name (include "app.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "app.labels" -}}
app.kubernetes.io/name: {{ include "app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.extraLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}
{{- define "app.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}
"""

DEPLOYMENT = """{{- if .Values.component%(i)d.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}-c%(i)d
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.component%(i)d.replicas }}
  selector:
    matchLabels:
      app: {{ include "app.name" . }}-c%(i)d
  template:
    metadata:
      labels:
        app: {{ include "app.name" . }}-c%(i)d
      annotations:
        checksum/config: {{ .Values.component%(i)d | toJson | sha256sum }}
    spec:
      nodeSelector:
        {{- toYaml .Values.nodeSelector | nindent 8 }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: main
          image: {{ include "app.image" . | quote }}
          args:
          {{- range $k, $v := .Values.component%(i)d.args }}
            - --{{ $k }}={{ $v }}
          {{- end }}
          env:
          {{- range .Values.env }}
            - name: {{ .name }}
              value: {{ .value | quote }}
          {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
{{- end }}
"""

SERVICES = """{{- range $i, $port := .Values.ports }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "app.fullname" $ }}-{{ $port.name }}
spec:
  ports:
    - port: {{ $port.port }}
      targetPort: {{ $port.target | default $port.port }}
{{- end }}
"""

CONFIGMAP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "app.fullname" . }}-config
data:
  settings.json: {{ .Values.settings | toJson | quote }}
  {{- range $k, $v := .Values.settings }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
"""


def values(components):
    out = ["image:", "  repository: mcr.microsoft.com/windows/servercore/iis",
           "  tag: windowsservercore-ltsc2022", "nameOverride: \"\"",
           "nodeSelector:", "  kubernetes.io/os: windows",
           "tolerations:", "  - key: os", "    operator: Equal", "    value: windows",
           "    effect: NoSchedule",
           "resources:", "  limits: {cpu: 500m, memory: 512Mi}", "  requests: {cpu: 100m, memory: 128Mi}",
           "env:"]
    for e in range(5):
        out += ["  - name: VAR_%d" % e, "    value: value-%d" % e]
    out += ["ports:"]
    for p in range(4):
        out += ["  - name: p%d" % p, "    port: %d" % (8080 + p)]
    out += ["settings:"]
    for s in range(10):
        out += ["  key%d: setting-%d" % (s, s)]
    out += ["extraLabels:", "  team: windows"]
    for i in range(components):
        out += ["component%d:" % i, "  enabled: %s" % ("true" if i % 7 else "false"),
                "  replicas: %d" % (1 + i % 3), "  args:", "    verbose: true", "    port: %d" % (9000 + i)]
    return "\n".join(out) + "\n"


def chart(root, name, templates, subchart=False):
    os.makedirs(os.path.join(root, "templates"), exist_ok=True)
    with open(os.path.join(root, "Chart.yaml"), "w") as f:
        f.write("apiVersion: v2\nname: %s\nversion: 1.0.0\nappVersion: \"1.0\"\n" % name)
        if subchart:
            f.write("dependencies:\n  - name: sub\n    version: 1.0.0\n    condition: sub.enabled\n")
    components = max(templates - 2, 1)
    with open(os.path.join(root, "values.yaml"), "w") as f:
        f.write(values(components))
        if subchart:
            f.write("sub:\n  enabled: true\n")
    with open(os.path.join(root, "templates", "_helpers.tpl"), "w") as f:
        f.write(HELPERS)
    with open(os.path.join(root, "templates", "services.yaml"), "w") as f:
        f.write(SERVICES)
    with open(os.path.join(root, "templates", "configmap.yaml"), "w") as f:
        f.write(CONFIGMAP)
    for i in range(components):
        with open(os.path.join(root, "templates", "deployment-%02d.yaml" % i), "w") as f:
            f.write(DEPLOYMENT % {"i": i})
    if subchart:
        chart(os.path.join(root, "charts", "sub"), "sub", 3)


def main():
    mode, out = sys.argv[1], sys.argv[2]
    if mode == "big":
        chart(os.path.join(out, "big-chart"), "big-chart", 50)
    else:
        for n in range(int(sys.argv[3])):
            chart(os.path.join(out, "chart-%03d" % n), "chart-%03d" % n, 8, subchart=(n % 3 == 0))


if __name__ == "__main__":
    main()
