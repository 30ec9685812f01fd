@deliberately-failing
Feature: Deliberately failing samples
  Every scenario here fails ON PURPOSE: BackupAcceptance.ReqnrollNUnit.Tests asserts that it fails, and how.

  Scenario: A failing assertion fails the test
    Given an empty backup journal
    And 2 files exist
    When a full backup runs
    Then the journal lists 3 files

  Scenario: An undefined step fails the test with its skeleton
    Given an empty backup journal
    When the tape is rewound to block 42
    Then the journal lists 0 files

  Scenario: A pending step fails the test
    When the catalogue is compacted
