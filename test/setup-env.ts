// Every test runs in Japan's time zone, as the product does.
process.env.TZ = 'Asia/Tokyo';
process.env.LOG_LEVEL ??= 'silent';
