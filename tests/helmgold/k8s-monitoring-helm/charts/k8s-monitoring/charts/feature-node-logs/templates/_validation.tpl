{{- define "feature.nodeLogs.validate" }}{{- end }}
