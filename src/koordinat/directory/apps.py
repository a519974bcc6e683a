from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "koordinat.directory"
    label = "directory"
    verbose_name = _("Directory")
    demo_loaders = (("directory", "koordinat.directory.demo.loader.load"),)
    scale_generator = "koordinat.directory.scale.generate"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from koordinat.core.rows import forget_options

        from . import history
        from .models import Body
        from .selectors import BODY_CHOICES

        history.register()

        def forget_body_choices(**kwargs: object) -> None:
            forget_options(BODY_CHOICES)

        # Saved or deleted from wherever (services, the admin site, the demo): filters offer it at once.
        post_save.connect(
            forget_body_choices, sender=Body, weak=False, dispatch_uid="directory.body_choices.saved"
        )
        post_delete.connect(
            forget_body_choices, sender=Body, weak=False, dispatch_uid="directory.body_choices.deleted"
        )
