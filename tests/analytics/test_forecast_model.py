"""The forecast's model, metrics, reasons and backtest on histories built in memory (no database)."""

import datetime
import math
import random

import pytest
from django.utils import translation
from sklearn.metrics import brier_score_loss, roc_auc_score

from koordinat.analytics.forecast import backtest, features, model, reasons, training
from koordinat.analytics.forecast.history import History, ItemFacts, OrganizationReports

AS_OF = datetime.date(2026, 7, 1)


def d(day: str) -> int:
    return datetime.date.fromisoformat(day).toordinal()


def organization(dues: list[int], late: list[bool]) -> OrganizationReports:
    before = [0]
    for flag in late:
        before.append(before[-1] + int(flag))
    return OrganizationReports(dues=dues, late_before=before)


def constructed_history() -> History:
    """Forty finished items of two kinds and two open ones.

    Sloppy (organisation 1): every report late, the lead's progress stuck at 10 %, the input of its
    co-executor missing, each item missed its control date. Careful (organisation 2): reports on time,
    progress in step with time, every item done ten days before its date."""
    quarterly = [d("2025-04-10") + 91 * k for k in range(6)]
    organizations = {
        1: organization(quarterly, [True] * 6),
        2: organization(quarterly, [False] * 6),
    }
    items: dict[int, ItemFacts] = {}
    for pk in range(1, 41):
        sloppy = pk % 2 == 1
        start, control = d("2025-01-01") + pk, d("2026-03-31") + pk
        facts = ItemFacts(
            pk=pk, start=start, is_instruction=False, current_date=control, lead=1 if sloppy else 2
        )
        facts.co_executors = 1
        for due in quarterly:
            if due < control:
                facts.lead_reports.append((due, due + 5 if sloppy else due - 1))
                facts.co_reports.append((due - 5, None if sloppy else due - 6))
                shown = 10 if sloppy else round(100 * (due - start) / (control - start))
                facts.lead_progress.append((due + 5 if sloppy else due - 1, shown))
        if not sloppy:
            facts.completion = (control - 8, control - 10)
        items[pk] = facts
    risky = ItemFacts(
        pk=101, start=d("2026-01-01"), is_instruction=False, current_date=d("2026-09-30"), lead=1
    )
    risky.co_executors = 1
    risky.lead_reports = [(d("2026-04-10"), d("2026-04-20"))]
    risky.co_reports = [(d("2026-04-05"), None)]
    risky.lead_progress = [(d("2026-04-20"), 10)]
    safe = ItemFacts(
        pk=102, start=d("2026-01-01"), is_instruction=False, current_date=d("2026-09-30"), lead=2
    )
    safe.co_executors = 1
    safe.lead_reports = [(d("2026-04-10"), d("2026-04-08"))]
    safe.co_reports = [(d("2026-04-05"), d("2026-04-04"))]
    safe.lead_progress = [(d("2026-04-08"), 70)]
    items[101], items[102] = risky, safe
    return History(items=items, organizations=organizations)


def test_training_ranks_a_clearly_risky_item_above_a_safe_one():
    history = constructed_history()
    fitted, found = training.train(history, AS_OF)
    assert found.positives
    assert found.positives < len(found.labels)
    scored = {row.item_id: row for row in training.open_rows(history, AS_OF)}
    assert set(scored) == {101, 102}  # the finished ones are not scored
    risky, safe = fitted.probabilities([scored[101].values, scored[102].values])
    assert risky > 0.5 > safe
    words = {reason["key"] for reason in training.explain(fitted, scored[101])}
    assert {"lead_late_share", "co_inputs_missing"} <= words
    assert "days_to_control" not in {reason["key"] for reason in training.explain(fitted, scored[102])}


def test_the_probability_is_the_stored_numbers_worked_by_hand():
    fitted = model.Fitted(
        names=["a", "b"], coefficients=[2.0, -1.0], intercept=-0.5, means=[1.0, 10.0], scales=[0.5, 5.0]
    )
    # z = ((2 − 1) / 0.5, (5 − 10) / 5) = (2, −1); logit = −0.5 + 2·2 + (−1)(−1) = 4.5
    assert fitted.probabilities([[2.0, 5.0]])[0] == pytest.approx(1 / (1 + math.exp(-4.5)))
    assert fitted.contributions([2.0, 5.0]) == pytest.approx([4.0, 1.0])


def test_a_single_outcome_trains_no_model():
    with pytest.raises(model.NotEnoughHistory):
        model.fit([[float(k)] for k in range(30)], [1] * 30)


def test_metrics_on_a_tiny_case_worked_by_hand():
    scores, labels = [0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0]
    # late above on time in 3 of the 4 pairs: (0.9, 0.8), (0.9, 0.1), (0.3, 0.1); not (0.3, 0.8)
    assert model.auc(scores, labels) == 0.75
    # ((0.1)² + (0.8)² + (0.7)² + (0.1)²) / 4
    assert model.brier(scores, labels) == pytest.approx((0.01 + 0.64 + 0.49 + 0.01) / 4)
    assert model.precision_at(scores, labels, 0.1) == 1.0  # the top one of four is late
    assert model.precision_at(scores, labels, 0.5) == 0.5
    assert model.auc([0.5, 0.5], [1, 0]) == 0.5  # a tie counts half
    assert model.auc([0.5, 0.4], [1, 1]) is None


def test_metrics_agree_with_scikit_learn():
    rng = random.Random(7)
    labels = [rng.random() < 0.4 for _ in range(300)]
    scores = [round(rng.random() * 0.5 + 0.4 * label, 2) for label in labels]  # rounded: many ties
    assert model.auc(scores, [int(x) for x in labels]) == pytest.approx(roc_auc_score(labels, scores))
    assert model.brier(scores, [int(x) for x in labels]) == pytest.approx(brier_score_loss(labels, scores))


def test_backtest_scores_what_was_open_against_what_happened():
    history = constructed_history()
    # What happened after 1 July: the risky item missed 30 September, the safe one was done on 20 September.
    history.items[102].completion = (d("2026-09-22"), d("2026-09-20"))
    result = backtest.run(as_of=AS_OF, known_on=datetime.date(2026, 12, 1), history=history)
    assert (result.open_items, result.evaluated, result.late) == (2, 2, 1)
    assert result.model is not None
    assert result.model.auc == 1.0
    assert result.baseline is not None
    # The baseline: the risky item is behind (10 % at half time), the safe one ahead (70 % at two thirds): flagged 1 of 2.
    assert result.baseline_flagged == 1
    assert (result.baseline.auc, result.baseline.brier) == (1.0, 0.0)
    text = backtest.text(result)
    assert "Model (logistic regression)" in text
    assert "Baseline (progress behind time)" in text


def test_every_feature_has_words():
    assert set(reasons.WORDS) == set(features.NAMES)


REASONS = [
    {"key": "lead_late_share", "params": {"late": 4, "count": 6}},
    {"key": "progress_behind", "params": {"progress": 20, "left": 15, "reported": True}},
    {"key": "co_inputs_missing", "params": {"count": 1}},
    {"key": "date_moves", "params": {"count": 2}},
    {"key": "lead_report_missing", "params": {"due": "2026-04-10"}},
]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "the lead executor sent 4 of its last 6 reports late",
                "20 % progress with 15 % of the time left",
                "the input of 1 co-executor is missing",
                "the control date was moved 2 times already",
                "the lead executor has not sent its report due 10 April 2026",
            ],
        ),
        (
            "ru",
            [
                "головной исполнитель прислал с опозданием 4 из 6 последних отчётов",
                "выполнено 20 %, осталось 15 % срока",
                "нет информации 1 соисполнителя",
                "контрольный срок уже переносился 2 раза",
                "головной исполнитель не прислал отчёт со сроком 10 апреля 2026 г.",
            ],
        ),
        (
            "az",
            [
                "əsas icraçının son 6 hesabatından 4 hesabat gecikmə ilə göndərilib",
                "20 % icra olunub, müddətin 15 %-i qalıb",
                "1 həmicraçının məlumatı yoxdur",
                "nəzarət tarixi artıq 2 dəfə dəyişdirilib",
                "əsas icraçı 10 aprel 2026 tarixinədək göndərilməli olan hesabatı göndərməyib",
            ],
        ),
    ],
)
def test_reasons_read_in_each_language(language, expected):
    with translation.override(language):
        assert reasons.words(REASONS) == expected
