"""The prediction format's span: for a mixed quote, the reported clause around its
quoted fragments (the scorer's GGT-comparable track reads it); for the other kinds,
the first segment to the last."""
import quoteex
from quoteex.predict import predict


def spans(text):
    rec, _ = predict(quoteex.Extractor(), "d", text)
    return [(q["kind"], text[q["span"][0]:q["span"][1]]) for q in rec["quotes"]]


def test_mixed_span_is_the_reported_clause():
    text = ("Councillor Ada Brenner said the ferry plan was \u201cdead in the water\u201d "
            "for this season, and would cost more. The vote is on Friday.")
    assert spans(text) == [
        ("mixed", "the ferry plan was \u201cdead in the water\u201d for this season, and would cost more")]


def test_mixed_span_keeps_that_and_initials():
    text = "Brenner said that the U.S. grant was \u201ca lifeline\u201d for the harbour.\n\nMore later."
    assert spans(text) == [("mixed", "that the U.S. grant was \u201ca lifeline\u201d for the harbour")]


def test_mixed_span_ends_with_a_fragment_that_ends_its_sentence():
    text = "Brenner called the ferry plan \u201cdead in the water.\u201d The vote is on Friday."
    ((kind, span),) = spans(text)
    assert kind == "mixed" and span.endswith("dead in the water.")
    assert "vote" not in span


def test_direct_and_indirect_spans_are_their_segments():
    text = ("\u201cWe will rebuild the pier,\u201d Ada Brenner said. "
            "Brenner told reporters that the work would start in May.")
    assert spans(text) == [("direct", "We will rebuild the pier,"),
                           ("indirect", "that the work would start in May")]
