"""`check --deploy` in production mode prints no warnings."""

from council.tests.production import run_in_production


def test_production_settings_pass_the_deploy_check(tmp_path) -> None:
    result = run_in_production(
        tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path) -> None:
    result = run_in_production(tmp_path, "manage.py", "check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when COUNCIL_ENV=production." in result.stderr
