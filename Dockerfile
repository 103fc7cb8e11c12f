# FeedEngine web app (co-hosted Orleans silo). Build: docker build -t feedengine .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish web/FeedEngine.Web/FeedEngine.Web.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data
VOLUME /data
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "FeedEngine.Web.dll"]
