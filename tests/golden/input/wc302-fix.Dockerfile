# An LTSC 2019 image checked against an LTSC 2022 host: WC302, with a fix that
# retags the base image. The builder stage is not deployed, so only the final
# stage is paired with the host.
FROM mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2019 AS build
WORKDIR C:/src
COPY . .
RUN msbuild /p:Configuration=Release

FROM mcr.microsoft.com/windows/servercore:ltsc2019
COPY --from=build C:/src/bin/Release C:/app
ENTRYPOINT ["C:\\app\\service.exe"]
