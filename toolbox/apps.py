from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "toolbox"
    verbose_name = _("Toolbox")

    def ready(self):
        # load_demo lives in letters, below this app: it seeds our part through programs.demo_extras.
        from toolbox.demo import seed_demo_toolbox
        from programs import demo_extras

        demo_extras.register(seed_demo_toolbox)
