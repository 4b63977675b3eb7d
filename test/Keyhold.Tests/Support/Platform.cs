// The tests drive real Linux peers (PyKMIP, PostgreSQL, Ansible) and check Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
