# Personal API tokens (built with the API).
urlpatterns = []
