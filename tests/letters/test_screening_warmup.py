"""Screening's data is loaded before a web worker serves its first letter (letters.screening.warmup).

The first letter a fresh process screened used to wait about three seconds for the model,
the lexicons and the phone rules; `make load` showed it as a tail of multi-second submits
right after the workers started (docs/performance.md, "The first letter of a worker").
"""

import json
import subprocess
import sys
from pathlib import Path

from letters.screening import warmup

ROOT = Path(__file__).resolve().parents[2]

# Run in a process of its own: in the test process other tests have filled the caches already,
# and the phone metadata cannot be unloaded, so "before" would prove nothing.
PROBE = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from phonenumbers import PhoneMetadata
from letters.screening import model, warmup
from letters.screening.lexicon import lexicon

def state():
    return {
        "model": model.shipped_model.cache_info().currsize,
        "lexicons": lexicon.cache_info().currsize,
        "regions": sorted(r for rs in warmup.WARM_REGIONS.values() for r in rs if r in PhoneMetadata._region_metadata),
    }

before = state()
warmup.warm_up()
print(json.dumps({"before": before, "after": state()}))
"""


def test_warm_up_loads_the_model_every_lexicon_and_the_phone_rules_of_each_default_region():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={"PATH": "/usr/bin:/bin", "DEBUG": "1"}, timeout=120)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # The lexicons are read when the screening modules are imported; the rest waited for a letter.
    assert seen["before"] == {"model": 0, "lexicons": 4, "regions": []}
    assert seen["after"] == {"model": 1, "lexicons": 4, "regions": ["DK", "FR", "GB", "NO", "US"]}


def test_the_sample_reaches_every_kind_of_finding_in_every_language():
    """The sample exists to exercise each matcher; if it stopped finding something, a matcher's
    data would again load on a real letter."""
    from letters.screening import screen

    for language in ("en", "da", "nb", "fr"):
        kinds = {f.kind.split(".")[0] for f in screen(warmup.SAMPLE, language=language,
                                                     regions=list(warmup.WARM_REGIONS[language]), author_role="mentor")}
        assert {"contact", "safeguarding"} <= kinds, language
