"""Test infrastructure shared by the test suites (pytest plugins); nothing here is imported by the project."""
