@demo @estate
Feature: Every disk of the ba-daily configuration is covered
  A disk added to the disklist is checked without editing any feature file.

  Scenario: Every disk has a fresh dump holding files
    Given every disk of ba-daily config except:
      | disk                     |
      | /srv/fixtures/notdumped  |
      | /srv/fixtures/empty      |
      | /srv/fixtures/hollow     |
      | /srv/fixtures/cutindex   |
    Then every disk has a dump no older than 26 hours with at least 1 file
