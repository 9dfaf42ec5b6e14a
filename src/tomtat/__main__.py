from tomtat.cli import app

app(prog_name="tomtat")
