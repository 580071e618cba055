from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeComRobotConfig(AppConfig):
    name = "talentloop.integrations.wecom_robot"
    label = "wecom_robot"
    verbose_name = _("WeCom group robots")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import logging

        from talentloop.integrations.wecom_robot.webhook import WebhookKeyRedactingFilter

        # urllib3 logs every request line (with the query string) at DEBUG: the webhook key must not reach a log.
        logging.getLogger("urllib3.connectionpool").addFilter(WebhookKeyRedactingFilter())
