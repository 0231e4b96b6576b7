from django.urls import path

from . import views

app_name = "recognitions"

urlpatterns = [
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/<str:number>/", views.verify, name="verify"),
    path("named/", views.named_list, name="named_list"),
    path("recognitions/", views.recognition_list, name="list"),
    path("recognitions/<int:pk>/", views.recognition_detail, name="detail"),
    path("recognitions/<int:pk>/certificate.pdf", views.certificate_download, name="certificate"),
]
