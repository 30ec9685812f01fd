@etc @demo
Feature: /etc is backed up
  The machine's configuration is the first thing anyone restores after a disaster.
  A backup that "succeeded" but holds only directories restores nothing.

  Scenario: The /etc backup holds files, not just directories
    Given daily config for localhost /etc
    Then the backup contains at least one file
