Feature: A feature with a syntax error
  Fails ON PURPOSE: the glue must turn the parser's error into a failing test.

  Scenario: Never parsed
    Given an empty backup journal
  This line is neither a step nor a keyword, so the parser rejects it
