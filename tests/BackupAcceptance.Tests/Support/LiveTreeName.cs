// The suite now has BackupAcceptance.Expectations.Checks.LiveTree (a DLE's live files as its backup would take them);
// the tests' older find helper of the same name keeps its short name in every test file through this alias, and
// tests of the new one name it in full. Renaming the helper would remove the need for this file.
global using LiveTree = BackupAcceptance.Tests.Support.LiveTree;
