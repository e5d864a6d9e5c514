# Several base-image problems in one multi-stage build.
FROM mcr.microsoft.com/windows/servercore AS untagged
RUN echo untagged

FROM mcr.microsoft.com/windows/nanoserver:ltsc2021 AS no-such-release
RUN echo no-such-release

FROM mcr.microsoft.com/windows/servercore:20H2 AS retired
RUN echo retired

FROM mcr.microsoft.com/dotnet/framework/runtime:4.8.1 AS runtime
COPY --from=retired C:/app C:/app

FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS final
COPY --from=runtime C:/app C:/app
