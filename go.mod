module github.com/aegisagent/redactor

go 1.26
