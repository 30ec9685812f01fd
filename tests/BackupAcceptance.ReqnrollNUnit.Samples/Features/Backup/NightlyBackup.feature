@backup
Feature: Nightly backup
  Samples that pass: a plain scenario, an outline with two Examples blocks (one tagged),
  a rule with its own tag, and an ignored scenario.

  Background:
    Given an empty backup journal

  @smoke
  Scenario: A full backup copies every file
    Given 2 files exist
    When a full backup runs
    Then the journal lists 2 files

  Scenario Outline: An incremental backup copies only changed files
    Given <total> files exist
    And <changed> of them have changed
    When an incremental backup runs
    Then the journal lists <changed> files

    Examples:
      | total | changed |
      | 3     | 1       |
      | 5     | 0       |

    @smoke @weekly
    Examples: Weekly
      | total | changed |
      | 100   | 40      |

  @ignore
  Scenario: An ignored scenario is not executed
    Then this step fails if it ever runs

  # Everything below a Rule: belongs to it, up to the next Rule:.
  @retention
  Rule: Backups older than the retention period expire

    Scenario: An old backup expires
      Given a backup taken 40 days ago
      When a retention of 30 days is applied
      Then the backup has expired
