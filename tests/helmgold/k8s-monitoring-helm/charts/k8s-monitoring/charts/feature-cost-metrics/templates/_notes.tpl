{{- define "feature.costMetrics.notes.deployments" }}{{- end }}

{{- define "feature.costMetrics.notes.task" }}
Scrape Kubernetes Cost metrics
{{- end }}

{{- define "feature.costMetrics.notes.actions" }}{{- end }}

{{- define "feature.costMetrics.summary" }}
version: {{ .Chart.Version }}
{{- end }}
