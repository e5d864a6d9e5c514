{{- define "feature.windowsEventLogs.notes.deployments" }}{{- end }}

{{- define "feature.windowsEventLogs.notes.task" }}
Gather event logs from Windows Kubernetes Nodes
{{- end }}

{{- define "feature.windowsEventLogs.notes.actions" }}{{- end }}

{{- define "feature.windowsEventLogs.summary" -}}
version: {{ .Chart.Version }}
{{- end }}
