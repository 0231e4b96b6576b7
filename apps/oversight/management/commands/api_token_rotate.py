"""Give an API source system a new token (the old one stops working), or list when tokens expire."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.oversight.risks.models import TOKEN_VALID_DAYS, ApiClient
from apps.oversight.risks.services import api_client_token_rotate


class Command(BaseCommand):
    help = "更换接口调用方的令牌（旧令牌立即失效），或列出各令牌的到期时间。"

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="调用方的来源代码（source）；不填则列出全部令牌的到期时间")
        parser.add_argument("--days", type=int, default=TOKEN_VALID_DAYS, help="新令牌的有效天数")

    def handle(self, *args, source=None, days=TOKEN_VALID_DAYS, **options):
        if not source:
            for client in ApiClient.objects.order_by("token_expires_at"):
                state = "已过期" if client.token_expired() else "有效"
                expires = timezone.localtime(client.token_expires_at).strftime("%Y-%m-%d %H:%M")
                self.stdout.write(f"{client.source}\t{client.name}\t{expires}\t{state}")
            return
        client = ApiClient.objects.filter(source=source).first()
        if client is None:
            raise CommandError(f"没有来源代码为“{source}”的接口调用方。")
        try:
            token = api_client_token_rotate(client=client, valid_days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        expires = timezone.localtime(client.token_expires_at).strftime("%Y-%m-%d")
        self.stdout.write(f"新令牌（只显示这一次，请安全地交给“{client.name}”）：\n{token}\n"
                          f"有效期至 {expires}；旧令牌已失效。")
