from django.urls import path

from tutorial_project.users import views
from tutorial_project.users.throttles import limit_failed_sign_ins

app_name = "users"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("activate/resend/", views.resend_activation, name="resend_activation"),
    path("activate/<uidb64>/<token>/", views.activate_account, name="activate"),
    path("sign-in/", limit_failed_sign_ins(views.SignInView.as_view()), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password-reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
