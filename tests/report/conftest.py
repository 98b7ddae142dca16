"""Findings and reports built directly, so the output tests need no parser or rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import pytest
from jsonschema import Draft7Validator

from govrules.diagnostics import Finding, Related, Report, RuleInfo, Severity
from govrules.source import Span

SCHEMA_PATH = Path(__file__).parent.parent / "fixtures" / "sarif-schema-2.1.0.json"


class FindingFactory(Protocol):
    def __call__(
        self,
        code: str = ...,
        severity: Severity = ...,
        message: str = ...,
        *,
        file: str = ...,
        line: int = ...,
        column: int = ...,
        end_line: int | None = ...,
        end_column: int | None = ...,
        subject: str | None = ...,
        related: tuple[Related, ...] = ...,
        ruleset: str | None = ...,
        suppressed: str | None = ...,
        fix: str | None = ...,
    ) -> Finding: ...


def _make_finding(
    code: str = "OWN001",
    severity: Severity = Severity.ERROR,
    message: str = "product burgerzaken has no owner",
    *,
    file: str = "governance/products.gov",
    line: int = 3,
    column: int = 9,
    end_line: int | None = None,
    end_column: int | None = None,
    subject: str | None = "product burgerzaken",
    related: tuple[Related, ...] = (),
    ruleset: str | None = "responsibility",
    suppressed: str | None = None,
    fix: str | None = None,
) -> Finding:
    span = Span(
        file,
        line,
        column,
        line if end_line is None else end_line,
        column + 11 if end_column is None else end_column,
    )
    return Finding(
        code=code,
        severity=severity,
        message=message,
        location=span,
        subject=subject,
        related=related,
        ruleset=ruleset,
        suppressed=suppressed,
        fix=fix,
    )


@pytest.fixture(scope="session")
def make_finding() -> FindingFactory:
    """A factory for findings: a product without an owner at products.gov 3:9-3:20 by default."""
    return _make_finding


@pytest.fixture(scope="session")
def rule_infos() -> tuple[RuleInfo, ...]:
    """Three rules, one of each severity, as a ruleset would describe them."""
    return (
        RuleInfo(
            "OWN001",
            "product-without-owner",
            Severity.ERROR,
            "responsibility",
            "Every product has an owner",
            why="Without an owner nobody answers for the product.",
            fix="Add `owner = <organisation>` to the product.",
        ),
        RuleInfo(
            "FIN002",
            "unfunded-service",
            Severity.WARNING,
            "financing",
            "Every service is funded",
        ),
        RuleInfo("SUP003", "supervisor-named", Severity.INFO, "supervision", "Name a supervisor"),
    )


@pytest.fixture(scope="session")
def sarif_validator() -> Draft7Validator:
    """A validator for the official SARIF 2.1.0 schema."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft7Validator(schema)


@pytest.fixture(scope="session")
def sample_report(make_finding: FindingFactory, rule_infos: tuple[RuleInfo, ...]) -> Report:
    """Two files: an error with a fix and a related place, a warning, an info, one suppressed."""
    financing = Span("governance/financing.gov", 7, 5, 7, 30)
    findings = (
        make_finding(
            fix="add an owner",
            related=(Related(financing, "financed here"),),
        ),
        make_finding(
            "FIN002",
            Severity.WARNING,
            "service loket is not funded",
            line=5,
            column=1,
            end_column=14,
            subject="service loket",
            ruleset="financing",
        ),
        make_finding(
            "SUP003",
            Severity.INFO,
            "no supervisor named for loket",
            line=5,
            column=9,
            end_column=14,
            subject="service loket",
            ruleset="supervision",
            suppressed="supervision arranged by covenant",
        ),
        make_finding(
            "OWN001",
            message="product paspoort has no owner",
            file="governance/travel.gov",
            line=1,
            column=9,
            end_column=17,
            subject="product paspoort",
        ),
    )
    return Report(
        findings=findings,
        files=("governance/financing.gov", "governance/products.gov", "governance/travel.gov"),
        rules=rule_infos,
    )


@pytest.fixture(scope="session")
def sample_sources() -> dict[str, str]:
    """The text of the sample report's files (travel.gov left out: it gets no excerpt)."""
    return {
        "governance/products.gov": (
            "# products\n\nproduct burgerzaken {\n  label = 'Burgerzaken'\nservice loket {}\n"
        ),
        "governance/financing.gov": "\n" * 6 + "    financing for burgerzaken\n",
    }
