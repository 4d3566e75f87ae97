from ninja import NinjaAPI

api = NinjaAPI(
    title="Volunteer Council API",
    version="1.0.0",
    urls_namespace="api-1.0.0",
    docs_url="/docs",
)
