{{- define "feature.autoInstrumentation.validate" }}{{- end }}
