"""The at-risk forecast: for every open item, the chance that it misses its control date, and why.

history  — execution's rows as dated facts, read "as of" a day (the leakage guard)
features — the named features of one item on one day, and the outcome label
model    — logistic regression (scikit-learn) kept as numbers; AUC, Brier, precision of the top
training — training rows, scoring rows and the reasons of a score
services — retrain and rescore (the daily job, the demo)
backtest — train as of a past day, score what was open then, compare with what happened
reasons  — reasons in words, in the reader's language
selectors— what pages read: the ranked list and one item's forecast
"""
