@hooks
Feature: Hooks and context injection
  Hooks put state into a journal object that Reqnroll injects into hooks and step classes alike.

  Scenario: Test-run, feature and scenario hooks prepare shared state
    Then the before-test-run hook has run
    And the before-feature hook has stored the feature title
    And the before-scenario hook has opened the journal

  Scenario: Step hooks wrap every step
    Given an empty backup journal
    Then the before-step hook has run 2 times and the after-step hook 1 time

  @audited
  Scenario: A tag-scoped hook runs for its tag
    Then the audit trail is "audited"

  Scenario: A tag-scoped hook skips scenarios without its tag
    Then the audit trail is ""

  @serial
  Scenario: A serial tag from reqnroll.json makes the scenario non-parallelizable
    Then NUnit runs this scenario on its own
