# Saved on Windows: UTF-8 with a BOM and CRLF line ends. Café ☕ 😀
# Character offsets in JSON count UTF-16 code units (😀 is two).
# wincompat ignore=WC😀01
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS ünïcode😀
LABEL description="café ☕ 😀"
FROM mcr.microsoft.com/windows/nanoserver:ltsc2019
CMD ["cmd.exe", "/c", "echo", "¡hola!"]
