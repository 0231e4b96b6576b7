"""The one reproducible draw: the same groups and seed give the same result, whatever order the ids come in."""

from apps.core.draws import new_seed, sample_per_group


def test_the_same_seed_draws_the_same_ids_and_another_seed_may_not():
    groups = {"b": list(range(100, 200)), "a": list(range(1, 50))}
    first = sample_per_group(groups, "5eed", 3)
    again = sample_per_group({"a": list(reversed(groups["a"])), "b": groups["b"]}, "5eed", 3)
    assert first == again and [len(ids) for ids in first.values()] == [3, 3]
    assert any(sample_per_group(groups, new_seed(), 3) != first for _ in range(5))


def test_the_size_may_depend_on_the_group_and_never_exceeds_it():
    drawn = sample_per_group({"x": [1, 2, 3, 4], "y": [5]}, "s", lambda key, count: count // 2 + 3)
    assert sorted(drawn["x"]) == [1, 2, 3, 4] and drawn["y"] == [5]
    assert sample_per_group({"x": [1, 2]}, "s", 0) == {"x": []}


def test_a_seed_is_sixteen_hex_digits():
    seed = new_seed()
    assert len(seed) == 16 and int(seed, 16) >= 0
