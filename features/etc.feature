@etc @demo
Feature: /etc is backed up
  The machine's configuration is the first thing anyone restores after a disaster.
  A backup that "succeeded" but holds only directories restores nothing.

  Scenario: The /etc backup holds files, not just directories
    Given ba-daily config for localhost /etc
    Then the backup contains at least one file

  @freshness
  Scenario: /etc has a fresh dump
    Given ba-daily config for localhost /etc
    Then the disk has a dump
    And the latest dump is no older than 26 hours
    And a level 0 dump is no older than 8 days
    And the newest restorable version of "passwd" is no older than 26 hours

  @content
  Scenario: What a rebuild needs first is in the /etc backup
    Given ba-daily config for localhost /etc
    Then the backup contains these paths:
      | path                      |
      | passwd                    |
      | group                     |
      | fstab                     |
      | amanda/ba-daily/amanda.conf  |
      | apt/                      |
    And the directory "amanda/ba-daily" is not empty
    And the backup contains at least 100 files
    And the file count is within 10% of the live directory
