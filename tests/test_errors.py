import pickle

from tomtat.errors import ConfigError, InputError


def test_input_error_is_one_line_naming_where():
    err = InputError("malformed JSON (Expecting value)", where="in.jsonl:3", line=3)
    assert str(err) == "in.jsonl:3: malformed JSON (Expecting value)"
    assert err.exit_code != 0 and 400 <= err.http_status < 500


def test_errors_survive_a_trip_to_another_process():
    err = pickle.loads(pickle.dumps(InputError("empty file", where="a.txt", line=7)))
    assert (err.problem, err.where, err.line, str(err)) == ("empty file", "a.txt", 7, "a.txt: empty file")
    assert str(pickle.loads(pickle.dumps(ConfigError("unknown method 'x'")))) == "unknown method 'x'"
