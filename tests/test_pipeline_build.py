import pytest

from tidings.errors import PipelineError
from tidings.extract.pipeline import DEFAULT_STEPS, Extractor, Pipeline


def test_default_pipeline_builds():
    assert Pipeline().names == DEFAULT_STEPS


def test_missing_requirement_is_caught_when_built():
    with pytest.raises(PipelineError, match="'events' requires"):
        Pipeline(["mentions", "events"])


def test_unknown_step():
    with pytest.raises(PipelineError, match="unknown extractor"):
        Pipeline(["mentions", "nonsense"])


def test_custom_extractor_runs_in_order(nlp):
    from tidings.records import Article

    seen = []

    def count_tokens(doc, known):
        seen.append(len(known["mentions"]))
        return []

    custom = Extractor("themes", count_tokens, requires=("mentions",), assigns="themes")
    pipe = Pipeline(["mentions", custom])
    text = "Kenya and Ethiopia met in Nairobi."
    ex = pipe.run(nlp(text), Article("a", text))
    assert seen and seen[0] >= 2
    assert ex.themes == ()
