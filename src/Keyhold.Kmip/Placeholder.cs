namespace Keyhold.Kmip;
