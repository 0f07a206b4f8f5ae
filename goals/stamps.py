"""What each stamp of the letter passport is called, why it is given, and its drawing.

The drawings are SVG files in frontend/static/frontend/stamps/ (one per kind, named after it).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from goals.models import StampKind


@dataclass(frozen=True)
class StampInfo:
    kind: str
    name: str
    description: str

    @property
    def image(self) -> str:
        """The drawing's path under the static files."""
        return f"frontend/stamps/{self.kind}.svg"


CATALOGUE = {
    info.kind: info
    for info in (
        StampInfo(StampKind.FIRST_LETTER, _("First letter"), _("You sent your very first letter.")),
        StampInfo(StampKind.ON_TIME, _("On time"), _("Your letter about a reading was sent by its due date.")),
        StampInfo(StampKind.READING_FINISHED, _("Reading finished"),
                  _("You read a reading and your letter about it reached your partner.")),
        StampInfo(StampKind.THREE_ON_TIME, _("Three in a row"), _("Three readings in a row, each letter on time.")),
        StampInfo(StampKind.REPLY_READ, _("Reply read"), _("You opened a reply from your partner.")),
        StampInfo(StampKind.GOAL_STEP, _("Step taken"), _("You ticked off a step towards one of your goals.")),
        StampInfo(StampKind.LONG_LETTER, _("Thoughtful letter"),
                  _("You wrote a long, thoughtful letter and it reached your partner.")),
    )
}
