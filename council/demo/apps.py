from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark data: `seed_demo`, `seed_demo --scale N` and `demo_logins`."""

    name = "council.demo"
    verbose_name = "Demo data"
