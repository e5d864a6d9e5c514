# Syntax errors are WC901 at their position; the rest is still checked.
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
RUNN echo typo
FROM
FROM mcr.microsoft.com/windows/servercore:ltsc2022 extra words
FROM build
RUN <<EOT
echo never closed
