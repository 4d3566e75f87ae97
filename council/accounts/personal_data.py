"""The AppConfig of an app that holds a part of a person's data (see `council.accounts.registry`).

It imports no model, so an apps.py can build on it before the models are loaded. An apps.py
imports this module, not the class: Django takes the one AppConfig class found in apps.py."""

from __future__ import annotations

from importlib import import_module

from django.apps import AppConfig


class PersonalDataConfig(AppConfig):
    """Its app's `services` module has `<data_part>_export` and `<data_part>_erase`:
    once the app is ready, they join a person's data export and erasure."""

    data_part = ""

    def ready(self) -> None:
        from council.accounts.registry import register_eraser, register_exporter

        services = import_module(f"{self.name}.services")
        register_exporter(self.data_part, getattr(services, f"{self.data_part}_export"))
        register_eraser(self.data_part, getattr(services, f"{self.data_part}_erase"))
