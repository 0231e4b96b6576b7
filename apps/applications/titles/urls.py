from django.urls import path

from . import views

app_name = "titles"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/renew/", views.renew, name="renew"),
    path("ending/", views.ending, name="ending"),
    path("ending/export.xlsx", views.ending_export, name="ending_export"),
]
