{{- define "feature.podLogsObjects.validate" }}{{- end }}
