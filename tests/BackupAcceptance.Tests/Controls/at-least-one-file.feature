# Negative controls for "the backup contains at least one file": run by SuiteControlsTests through the real
# suite, from a copy outside the repository. Every failing scenario here MUST fail; the test asserts how.
@controls
Feature: Controls for the hollow-backup detector

  @good
  Scenario: A tree of odd names passes
    Given ba-daily config for localhost /srv/fixtures/oddnames
    Then the backup contains at least one file

  @hollow
  Scenario: A disk of empty directories fails
    Given ba-daily config for localhost /srv/fixtures/hollow
    Then the backup contains at least one file

  Scenario: An empty disk fails
    Given ba-daily config for localhost /srv/fixtures/empty
    Then the backup contains at least one file

  Scenario: A disk that was never dumped fails
    Given ba-daily config for localhost /srv/fixtures/notdumped
    Then the backup contains at least one file

  Scenario: A disk unknown to Amanda fails
    Given ba-daily config for localhost "/srv/no such disk"
    Then the backup contains at least one file
