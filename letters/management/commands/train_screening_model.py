"""`manage.py train_screening_model`: retrain the learned safeguarding model, or measure it.

    python manage.py train_screening_model             # train on the dev corpus, write the weights
    python manage.py train_screening_model --evaluate  # 5-fold cross-validation on the dev corpus
    python manage.py train_screening_model --evaluate --hold-out w6-   # train without one batch, measure on it

Only the development split (tests/letters/screening_corpus/*.jsonl) and the lexicon
files' example sentences are read; the unseen split never is. Training is deterministic:
run it after changing the corpus or the lexicon examples, and commit the weights file.
Fitting needs scikit-learn (the `test` or `train` extra); the shipped model does not.
"""

from django.core.management.base import BaseCommand, CommandError

from letters.screening import model as model_module
from letters.screening.training import (
    cross_validate,
    format_results,
    hold_out_batch,
    TrainingUnavailable,
    load_dev_corpus,
    train,
)


class Command(BaseCommand):
    help = "Train the learned safeguarding model on the dev corpus, or cross-validate it (--evaluate)."

    def add_arguments(self, parser):
        parser.add_argument("--evaluate", action="store_true",
                            help="cross-validate rules, model and both on the dev corpus; write nothing")
        parser.add_argument("--folds", type=int, default=5, help="number of folds for --evaluate (default 5)")
        parser.add_argument("--hold-out", default="", metavar="PREFIX",
                            help='with --evaluate: train without the letters whose id starts with PREFIX '
                                 '(one batch, e.g. "w6-") and measure on them instead of folds')

    def handle(self, *args, evaluate: bool, folds: int, hold_out: str, **options):
        letters = load_dev_corpus()
        if not letters:
            raise CommandError("No dev corpus letters found in tests/letters/screening_corpus/: run this from a checkout.")
        if evaluate:
            try:
                results = hold_out_batch(letters, hold_out) if hold_out else cross_validate(letters, k=folds)
            except (ValueError, TrainingUnavailable) as error:
                raise CommandError(str(error)) from error
            for line in format_results(results):
                self.stdout.write(line)
            return
        try:
            model = train(letters)
        except TrainingUnavailable as error:
            raise CommandError(str(error)) from error
        model.save(model_module.WEIGHTS_FILE)
        model_module.shipped_model.cache_clear()
        size = model_module.WEIGHTS_FILE.stat().st_size
        self.stdout.write(f"wrote {model_module.WEIGHTS_FILE.name}: {model.meta['features']} features, "
                          f"{size // 1024} KiB; examples per class {model.meta['examples']}")
