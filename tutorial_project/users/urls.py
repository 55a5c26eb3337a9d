from django.urls import path

from tutorial_project.users import views

app_name = "users"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("activate/resend/", views.resend_activation, name="resend_activation"),
    path("activate/<uidb64>/<token>/", views.activate_account, name="activate"),
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
]
