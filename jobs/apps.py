from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"

    def ready(self):
        # A worker that starts picks up work a broken broker left behind (jobs.outbox.pick_up).
        from django_q.signals import post_spawn

        from jobs.outbox import pick_up_on_worker_start

        post_spawn.connect(pick_up_on_worker_start, dispatch_uid="jobs.pick_up_on_worker_start")
