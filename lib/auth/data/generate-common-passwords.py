# Generates lib/auth/data/common-passwords.txt from well-known weak-password patterns.
bases = """password passw0rd p@ssword p@ssw0rd qwerty qwertyuiop qwertyuiop123 asdfgh asdfghjkl zxcvbnm
letmein welcome welcome1 changeme admin administrator root login master monkey dragon football baseball
basketball soccer hockey sunshine princess iloveyou trustno1 shadow superman batman starwars pokemon
charlie michael jennifer jessica michelle ashley amanda nicole daniel thomas robert andrew joshua
matthew jordan taylor hunter buster tigger ginger pepper maggie cheese summer winter spring autumn
freedom whatever computer internet secret killer mustang harley ranger thunder matrix access yankees
dallas austin chelsea arsenal liverpool hello hello123 love lovely loveme iloveu friends family
qazwsx 1qaz2wsx zaq12wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 abc123 abcd1234 abcdef
abcdefg abcdefgh 123abc a1b2c3 a1b2c3d4 aa123456 test tester testing guest default user username
vet vets veterinary veterinarian vetclinic vethospital vetloop animal animals puppy puppies kitten
kittens doggy doggie dog dogs cat cats pets petcare clinic hospital surgery nurse doctor referral
specialist emergency bella max buddy lucy daisy molly bailey charlie rocky luna coco oliver simba
bandit lucky sadie chloe sophie zeus duke bear milo jack toby oscar rosie ruby lola rex fido spot
company business office manager support service system network server secure security
""".split()
suffixes = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789",
            "!", "1!", "123!", "@123", "#1", "01", "007", "69", "99", "00", "11", "2020", "2021",
            "2022", "2023", "2024", "2025", "2026", "2027", "!@#", "!!", "1234!", "12345!",
            "2024!", "2025!", "2026!", "123123", "321", "4321", "54321", "000", "111", "777"]
out = set()
for b in bases:
    for s in suffixes:
        out.add(b + s)
    out.add(b + b)
    out.add(b * 3)
# digit and keyboard walks, repeats
digits = "1234567890"
for n in range(6, 21):
    out.add((digits * 3)[:n])
    out.add(("0987654321" * 3)[:n])
for ch in "0123456789abcdefghijklmnopqrstuvwxyz!":
    for n in (6, 8, 10, 12, 14, 16):
        out.add(ch * n)
walks = ["qwertyuiopasdfghjkl", "asdfghjklzxcvbnm", "1qaz2wsx3edc4rfv", "zaq12wsxcde34rfv",
         "qazwsxedcrfvtgb", "1q2w3e4r5t6y7u8i", "q1w2e3r4t5y6u7i8", "!qaz@wsx#edc", "qweasdzxc",
         "qweasdzxc123", "asdasdasd", "qweqweqwe", "zxczxczxc", "abcabcabc", "abcdefghijklmnop",
         "1234qwerasdfzxcv", "qwer1234asdf5678", "aaaaaaaaaaaa", "correcthorsebatterystaple",
         "ilovemydog", "ilovemycat", "ilovemypets", "iloveyou123456", "passwordpassword",
         "letmeinletmein", "welcomewelcome", "changemechangeme", "administrator1", "p@$$w0rd",
         "p@$$word123", "qwerty123456", "qwertyqwerty", "123456qwerty", "password12345678"]
out.update(walks)
for y in range(1950, 2031):
    for w in ["password", "welcome", "summer", "winter", "spring", "autumn", "january", "december",
              "vetclinic", "veterinary", "hospital", "puppy", "kitten"]:
        out.add(w + str(y))
words = sorted(w for w in out if len(w) >= 6)
open('/work/main/lib/auth/data/common-passwords.txt', 'w').write(
    "\n".join(words) + "\n")
print(len(words), sum(1 for w in words if len(w) >= 12))
